import { EmbeddingsError } from './errors.ts';

/** A word and its cosine similarity to a query. */
export interface Neighbour {
  word: string;
  similarity: number;
}

/** Cosine similarity of two equal-length vectors; 0 when either is all zeros. */
export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) {
    throw new EmbeddingsError('INVALID_ARGUMENT', `vectors of lengths ${a.length} and ${b.length}`);
  }
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/**
 * Every vector of a file in one buffer: row i of `matrix` is `words[i]`, `index` maps a word to its row.
 * Norms are computed once, so `neighbours` costs one pass of dot products.
 */
export class WordVectors {
  /** L2 norm of each row. */
  readonly norms: Float64Array;

  /**
   * @param words the words in row order (unique)
   * @param matrix words.length × dim row-major float32
   * @param dim vector dimension
   */
  constructor(
    readonly words: readonly string[],
    readonly matrix: Float32Array,
    readonly dim: number,
    /** Word → row. */
    readonly index: ReadonlyMap<string, number> = new Map(words.map((w, i) => [w, i])),
  ) {
    if (matrix.length !== words.length * dim) {
      throw new EmbeddingsError(
        'INVALID_ARGUMENT',
        `matrix has ${matrix.length} values, not ${words.length} × ${dim}`,
      );
    }
    this.norms = new Float64Array(words.length);
    for (let r = 0; r < words.length; r++) {
      let s = 0;
      for (let j = r * dim, e = j + dim; j < e; j++) s += (matrix[j] as number) ** 2;
      this.norms[r] = Math.sqrt(s);
    }
  }

  /** Number of words. */
  get size(): number {
    return this.words.length;
  }

  /** Whether the word has a vector. */
  has(word: string): boolean {
    return this.index.has(word);
  }

  /** The word's vector (a view into `matrix`), or undefined. */
  vector(word: string): Float32Array | undefined {
    const r = this.index.get(word);
    return r === undefined ? undefined : this.matrix.subarray(r * this.dim, (r + 1) * this.dim);
  }

  /** Cosine similarity of two words' vectors. @throws EmbeddingsError UNKNOWN_WORD */
  similarity(a: string, b: string): number {
    return cosineSimilarity(this.require(a), this.require(b));
  }

  /**
   * The k words most similar to a word or a vector, by cosine, most similar first (ties: lower row first).
   * A query word is left out of its own neighbours; zero vectors are never neighbours.
   * @throws EmbeddingsError UNKNOWN_WORD for a word without vector, INVALID_ARGUMENT for a bad k or vector
   */
  neighbours(query: string | ArrayLike<number>, k = 10): Neighbour[] {
    if (!Number.isInteger(k) || k < 0)
      throw new EmbeddingsError('INVALID_ARGUMENT', `k must be an integer ≥ 0, got ${k}`);
    const q = typeof query === 'string' ? this.require(query) : query;
    if (q.length !== this.dim)
      throw new EmbeddingsError('INVALID_ARGUMENT', `query has ${q.length} values, not ${this.dim}`);
    const skip = typeof query === 'string' ? (this.index.get(query) as number) : -1;
    let qn = 0;
    for (let j = 0; j < this.dim; j++) qn += (q[j] as number) ** 2;
    qn = Math.sqrt(qn);
    if (qn === 0 || k === 0) return [];
    const top = new TopK(Math.min(k, this.words.length));
    const { matrix, dim, norms } = this;
    for (let r = 0; r < this.words.length; r++) {
      const n = norms[r] as number;
      if (r === skip || n === 0) continue;
      let dot = 0;
      for (let j = 0, o = r * dim; j < dim; j++) dot += (q[j] as number) * (matrix[o + j] as number);
      top.offer(r, dot / (n * qn));
    }
    return top.sorted().map(([r, similarity]) => ({ word: this.words[r] as string, similarity }));
  }

  private require(word: string): Float32Array {
    const v = this.vector(word);
    if (!v) throw new EmbeddingsError('UNKNOWN_WORD', `no vector for ${JSON.stringify(word)}`);
    return v;
  }
}

/** The k best (row, score) pairs seen: a binary min-heap on score (ties: the higher row is worse). */
class TopK {
  private readonly rows: Int32Array;
  private readonly scores: Float64Array;
  private n = 0;

  constructor(private readonly k: number) {
    this.rows = new Int32Array(k);
    this.scores = new Float64Array(k);
  }

  private worse(i: number, j: number): boolean {
    const a = this.scores[i] as number;
    const b = this.scores[j] as number;
    return a < b || (a === b && (this.rows[i] as number) > (this.rows[j] as number));
  }

  private swap(i: number, j: number): void {
    const r = this.rows[i] as number;
    const s = this.scores[i] as number;
    this.rows[i] = this.rows[j] as number;
    this.scores[i] = this.scores[j] as number;
    this.rows[j] = r;
    this.scores[j] = s;
  }

  offer(row: number, score: number): void {
    if (this.k === 0) return;
    if (this.n < this.k) {
      let i = this.n++;
      this.rows[i] = row;
      this.scores[i] = score;
      while (i > 0 && this.worse(i, (i - 1) >> 1)) {
        this.swap(i, (i - 1) >> 1);
        i = (i - 1) >> 1;
      }
      return;
    }
    if (score <= (this.scores[0] as number)) return;
    this.rows[0] = row;
    this.scores[0] = score;
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.n && this.worse(l, m)) m = l;
      if (r < this.n && this.worse(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
  }

  sorted(): [number, number][] {
    const out: [number, number][] = [];
    for (let i = 0; i < this.n; i++) out.push([this.rows[i] as number, this.scores[i] as number]);
    return out.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  }
}
