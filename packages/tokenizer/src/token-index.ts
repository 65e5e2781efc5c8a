const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Per slot: hash, id + 1 (0 = empty), offset of the token's code units in the pool, their count. */
const STRIDE = 4;

/**
 * Open-addressing hash table from token to id that is looked up by a span of a larger string, so encoding
 * finds ids without making a string per token. Slots and token code units live in two flat typed arrays, so a
 * lookup touches few cache lines.
 */
export class TokenIndex {
  readonly #mask: number;
  readonly #table: Int32Array;
  readonly #pool: Uint16Array;
  /** Ids of the one-character ASCII tokens (punctuation, single letters), -1 when absent: no hashing. */
  readonly #ascii = new Int32Array(128).fill(-1);

  constructor(tokens: readonly string[]) {
    let size = 16;
    while (size < tokens.length * 2) size *= 2;
    this.#mask = size - 1;
    this.#table = new Int32Array(size * STRIDE);
    this.#pool = new Uint16Array(tokens.reduce((sum, t) => sum + t.length, 0));
    let offset = 0;
    for (let id = 0; id < tokens.length; id++) {
      const token = tokens[id] as string;
      let h = FNV_OFFSET;
      for (let i = 0; i < token.length; i++) {
        const c = token.charCodeAt(i);
        this.#pool[offset + i] = c;
        h = Math.imul(h ^ c, FNV_PRIME);
      }
      let slot = h & this.#mask;
      while (this.#table[slot * STRIDE + 1] !== 0) slot = (slot + 1) & this.#mask;
      const at = slot * STRIDE;
      this.#table[at] = h;
      this.#table[at + 1] = id + 1;
      this.#table[at + 2] = offset;
      this.#table[at + 3] = token.length;
      offset += token.length;
      if (token.length === 1 && token.charCodeAt(0) < 0x80) this.#ascii[token.charCodeAt(0)] = id;
    }
  }

  /** The id of the token `s[start..end)`, or -1 when it is not in the table. */
  idOfSpan(s: string, start: number, end: number): number {
    if (end - start === 1) {
      const c = s.charCodeAt(start);
      if (c < 0x80) return this.#ascii[c] as number;
    }
    let h = FNV_OFFSET;
    for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
    const len = end - start;
    const table = this.#table;
    const pool = this.#pool;
    const mask = this.#mask;
    let slot = h & mask;
    for (;;) {
      const at = slot * STRIDE;
      const entry = table[at + 1] as number;
      if (entry === 0) return -1;
      if (table[at] === h && table[at + 3] === len) {
        const offset = table[at + 2] as number;
        let q = 0;
        while (q < len && pool[offset + q] === s.charCodeAt(start + q)) q++;
        if (q === len) return entry - 1;
      }
      slot = (slot + 1) & mask;
    }
  }
}
