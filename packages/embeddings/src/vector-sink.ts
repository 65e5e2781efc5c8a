/**
 * Where parsers put vectors. A parser calls `setDim` once, then for each record `target(word)`: the float
 * offset in `matrix` to write the record's values to, or -1 to skip the record (its values are then only
 * counted, not parsed). `matrix` may be replaced by `target`, so parsers read it after each call.
 */
export interface VectorSink {
  matrix: Float32Array;
  /**
   * @param headerCount the word count of the header, or -1 without header
   * @param recordBytes typical bytes of a record (mean of the first ones), to estimate the number of records
   */
  setDim(dim: number, headerCount: number, recordBytes: number): void;
  target(word: string): number;
}

/**
 * Collects every vector of a file (no vocabulary): one buffer sized from the header or from the file size
 * and the first record (allocated with the first word), grown by half when the estimate was short; a word
 * list and a word → row index.
 */
export class CollectSink implements VectorSink {
  matrix = new Float32Array(0);
  readonly words: string[] = [];
  readonly index = new Map<string, number>();
  private dim = 0;
  private capacity = 0;

  /**
   * @param fileSize bytes of the file on disk
   * @param gzip whether the file is compressed (the estimate then assumes a ratio of 3)
   */
  constructor(
    private readonly fileSize: number,
    private readonly gzip: boolean,
  ) {}

  setDim(dim: number, headerCount: number, recordBytes: number): void {
    this.dim = dim;
    const bytes = this.gzip ? this.fileSize * 3 : this.fileSize;
    const estimate = headerCount >= 0 ? headerCount : Math.ceil((bytes / Math.max(1, recordBytes)) * 1.05);
    // A text record takes at least 2 bytes per value: a bound on what a lying header makes us allocate up
    // front (for gzip, assuming a ratio of at most 8; the buffer grows past it if needed).
    const bound = Math.floor(((this.gzip ? 8 : 1) * this.fileSize) / (2 * dim)) + 1;
    this.capacity = Math.max(16, Math.min(estimate, bound));
  }

  target(word: string): number {
    // Duplicates: the first occurrence wins; later ones are skipped (only their dimension is checked).
    if (this.index.has(word)) return -1;
    const row = this.words.length;
    if (row === 0 && this.matrix.length === 0) this.matrix = new Float32Array(this.capacity * this.dim);
    else if (row === this.capacity) this.grow();
    this.index.set(word, row);
    this.words.push(word);
    return row * this.dim;
  }

  private grow(): void {
    this.capacity = Math.ceil(this.capacity * 1.5);
    const next = new Float32Array(this.capacity * this.dim);
    next.set(this.matrix.subarray(0, this.words.length * this.dim));
    this.matrix = next;
  }

  /**
   * The vectors, `words.length × dim`: the buffer itself when the estimate was right or at most 1/8 too
   * large (a view then), else an exact copy.
   */
  finish(): Float32Array {
    const used = this.words.length * this.dim;
    if (this.matrix.length === used) return this.matrix;
    return this.matrix.length - used <= used / 8 ? this.matrix.subarray(0, used) : this.matrix.slice(0, used);
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
