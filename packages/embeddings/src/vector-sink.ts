/**
 * Where parsers put vectors. A parser calls `setDim` once, then for each record `target(word)`: the float
 * offset in `matrix` to write the record's values to, or -1 to skip the record (its values are then only
 * counted, not parsed). `matrix` may be replaced by `target`, so parsers read it after each call.
 */
export interface VectorSink {
  matrix: Float32Array;
  setDim(dim: number, countHint: number): void;
  target(word: string): number;
}

/** Collects every vector of a file (no vocabulary): a growing buffer, a word list and a word → row index. */
export class CollectSink implements VectorSink {
  matrix = new Float32Array(0);
  readonly words: string[] = [];
  readonly index = new Map<string, number>();
  private dim = 0;
  private capacity = 0;
  private scratch = 0;

  setDim(dim: number, countHint: number): void {
    this.dim = dim;
    this.capacity = Math.max(16, Math.min(countHint, 1 << 16));
    this.matrix = new Float32Array((this.capacity + 1) * dim);
    this.scratch = this.capacity * dim;
  }

  target(word: string): number {
    // Duplicates: the first occurrence wins; later ones are parsed (so checked) into the scratch row.
    if (this.index.has(word)) return this.scratch;
    const row = this.words.length;
    if (row === this.capacity) this.grow();
    this.index.set(word, row);
    this.words.push(word);
    return row * this.dim;
  }

  private grow(): void {
    this.capacity *= 2;
    const next = new Float32Array((this.capacity + 1) * this.dim);
    next.set(this.matrix.subarray(0, this.words.length * this.dim));
    this.matrix = next;
    this.scratch = this.capacity * this.dim;
  }

  /** The vectors, exactly `words.length × dim` (copied once if the buffer has spare rows). */
  finish(): Float32Array {
    const used = this.words.length * this.dim;
    return this.matrix.length === used ? this.matrix : this.matrix.slice(0, used);
  }
}

/** How a vocabulary row was filled from the file. */
const EMPTY = 0;
const LOWER = 1;
const EXACT = 2;
const BLOCKED = 3;

/**
 * Fills the rows of a vocabulary from a file's vectors. A word matches its row exactly, or else through its
 * lowercase form when `lowercaseFallback` is on; an exact match always wins over a lowercased one, and among
 * several candidates of the same kind the first in the file wins. Rows in `blocked` (zero rows) are never filled.
 */
export class AlignSink implements VectorSink {
  matrix = new Float32Array(0);
  /** Per row: 0 not found, 1 filled through a lowercased word, 2 by an exact match, 3 a zero row. */
  readonly state: Uint8Array;
  private dim = 0;

  constructor(
    private readonly index: ReadonlyMap<string, number>,
    private readonly rows: number,
    blocked: Iterable<number>,
    private readonly lowercaseFallback: boolean,
  ) {
    this.state = new Uint8Array(rows);
    for (const r of blocked) this.state[r] = BLOCKED;
  }

  setDim(dim: number): void {
    this.dim = dim;
    this.matrix = new Float32Array(this.rows * dim);
  }

  target(word: string): number {
    const row = this.index.get(word);
    if (row !== undefined) {
      if ((this.state[row] as number) >= EXACT) return -1;
      this.state[row] = EXACT;
      return row * this.dim;
    }
    if (!this.lowercaseFallback) return -1;
    const lower = word.toLowerCase();
    if (lower === word) return -1;
    const lrow = this.index.get(lower);
    if (lrow === undefined || this.state[lrow] !== EMPTY) return -1;
    this.state[lrow] = LOWER;
    return lrow * this.dim;
  }
}
