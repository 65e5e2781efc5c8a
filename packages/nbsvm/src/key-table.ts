/**
 * An open-addressing hash table from 64-bit keys (two uint32 lanes) to dense ids 0, 1, 2, ... in insertion
 * order. Typed arrays only, so millions of n-grams cost tens of MB rather than a `Map`'s hundreds.
 */
export class KeyTable {
  /** Lane A of each id's key. */
  keysA: Uint32Array;
  /** Lane B of each id's key. */
  keysB: Uint32Array;
  #slots: Int32Array;
  #mask: number;
  #size = 0;

  constructor(initialCapacity = 1024) {
    let cap = 1024;
    while (cap < initialCapacity * 2) cap *= 2;
    this.#slots = new Int32Array(cap).fill(-1);
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

  /** The id of a key (lanes read as uint32), or -1. */
  find(a: number, b: number): number {
    a >>>= 0;
    b >>>= 0;
    const slots = this.#slots;
    const mask = this.#mask;
    let s = (a ^ Math.imul(b, 0x9e3779b1)) & mask;
    for (;;) {
      const id = slots[s] as number;
      if (id < 0) return -1;
      if (this.keysA[id] === a && this.keysB[id] === b) return id;
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
      const id = slots[s] as number;
      if (id < 0) break;
      if (this.keysA[id] === a && this.keysB[id] === b) return id;
      s = (s + 1) & mask;
    }
    const id = this.#size++;
    if (id >= this.keysA.length) {
      this.#grow();
      return this.#place(a, b, id);
    }
    slots[s] = id;
    this.keysA[id] = a;
    this.keysB[id] = b;
    return id;
  }

  #place(a: number, b: number, id: number): number {
    let s = (a ^ Math.imul(b, 0x9e3779b1)) & this.#mask;
    while ((this.#slots[s] as number) >= 0) s = (s + 1) & this.#mask;
    this.#slots[s] = id;
    this.keysA[id] = a;
    this.keysB[id] = b;
    return id;
  }

  #grow(): void {
    const cap = this.#slots.length * 2;
    const keysA = new Uint32Array(cap >>> 1);
    const keysB = new Uint32Array(cap >>> 1);
    keysA.set(this.keysA);
    keysB.set(this.keysB);
    this.keysA = keysA;
    this.keysB = keysB;
    this.#slots = new Int32Array(cap).fill(-1);
    this.#mask = cap - 1;
    const n = this.#size - 1;
    for (let id = 0; id < n; id++) this.#place(keysA[id] as number, keysB[id] as number, id);
  }
}
