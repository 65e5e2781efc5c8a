/**
 * An open-addressing hash table from 64-bit keys (two uint32 lanes) to dense ids 0, 1, 2, ... in insertion
 * order. Typed arrays only, so millions of n-grams cost tens of MB rather than a `Map`'s hundreds. A slot
 * holds its key and id side by side, so a lookup costs one cache miss, not three (lookups dominate
 * featurizing once the table outgrows the cache).
 */
export class KeyTable {
  /** Lane A of each id's key. */
  keysA: Uint32Array;
  /** Lane B of each id's key. */
  keysB: Uint32Array;
  // slot s: [3s] lane A, [3s + 1] lane B, [3s + 2] id + 1 (0 = empty)
  #slots: Uint32Array;
  #mask: number;
  #size = 0;

  constructor(initialCapacity = 1024) {
    let cap = 1024;
    while (cap < initialCapacity * 2) cap *= 2;
    this.#slots = new Uint32Array(cap * 3);
    this.#mask = cap - 1;
    this.keysA = new Uint32Array(cap >>> 1);
    this.keysB = new Uint32Array(cap >>> 1);
  }

  /** Builds a table holding exactly the given keys, id i for key i. */
  static fromKeys(keysA: Uint32Array, keysB: Uint32Array): KeyTable {
    const table = new KeyTable(keysA.length);
    for (let i = 0; i < keysA.length; i++) table.intern(keysA[i] as number, keysB[i] as number);
    return table;
  }

  /** How many keys are held. */
  get size(): number {
    return this.#size;
  }

  // find and intern each keep their own probe loop: one shared private probe made featurizing for prediction
  // measurably slower (see benchmarks/nbsvm.md).
  /** The id of a key (lanes read as uint32), or -1. */
  find(a: number, b: number): number {
    a >>>= 0;
    b >>>= 0;
    const slots = this.#slots;
    const mask = this.#mask;
    let s = (a ^ Math.imul(b, 0x9e3779b1)) & mask;
    for (;;) {
      const at = s * 3;
      const id = slots[at + 2] as number;
      if (id === 0) return -1;
      if (slots[at] === a && slots[at + 1] === b) return id - 1;
      s = (s + 1) & mask;
    }
  }

  /** The id of a key, adding it (with the next id) when new. */
  intern(a: number, b: number): number {
    a >>>= 0;
    b >>>= 0;
    const slots = this.#slots;
    const mask = this.#mask;
    let s = (a ^ Math.imul(b, 0x9e3779b1)) & mask;
    for (;;) {
      const at = s * 3;
      const id = slots[at + 2] as number;
      if (id === 0) break;
      if (slots[at] === a && slots[at + 1] === b) return id - 1;
      s = (s + 1) & mask;
    }
    const id = this.#size++;
    if (id >= this.keysA.length) {
      this.#grow();
      this.#place(a, b, id);
    } else {
      const at = s * 3;
      slots[at] = a;
      slots[at + 1] = b;
      slots[at + 2] = id + 1;
    }
    this.keysA[id] = a;
    this.keysB[id] = b;
    return id;
  }

  #place(a: number, b: number, id: number): void {
    const slots = this.#slots;
    let s = (a ^ Math.imul(b, 0x9e3779b1)) & this.#mask;
    while ((slots[s * 3 + 2] as number) !== 0) s = (s + 1) & this.#mask;
    slots[s * 3] = a;
    slots[s * 3 + 1] = b;
    slots[s * 3 + 2] = id + 1;
  }

  #grow(): void {
    const cap = (this.#mask + 1) * 2;
    const keysA = new Uint32Array(cap >>> 1);
    const keysB = new Uint32Array(cap >>> 1);
    keysA.set(this.keysA);
    keysB.set(this.keysB);
    this.keysA = keysA;
    this.keysB = keysB;
    this.#slots = new Uint32Array(cap * 3);
    this.#mask = cap - 1;
    const n = this.#size - 1;
    for (let id = 0; id < n; id++) this.#place(keysA[id] as number, keysB[id] as number, id);
  }
}
