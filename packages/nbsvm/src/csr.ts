/**
 * A sparse matrix in compressed sparse row form: row r's entries are `indices[indptr[r] .. indptr[r + 1])`
 * with `values` at the same places, or all 1 when `values` is null (binary features).
 */
export interface CsrMatrix {
  /** Number of rows (texts). */
  readonly rows: number;
  /** Number of columns (features). */
  readonly cols: number;
  /** Row starts, `rows + 1` entries. */
  readonly indptr: Int32Array;
  /** Column of each stored entry. */
  readonly indices: Int32Array;
  /** Value of each stored entry, or null when every value is 1. */
  readonly values: Float32Array | null;
}

/** A growable int32 buffer, for building CSR arrays of unknown length. */
export class Int32Buffer {
  /** Backing array; only the first `length` entries are meaningful. */
  data: Int32Array;
  /** Entries written. */
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }

  /** Appends one value. */
  push(value: number): void {
    if (this.length === this.data.length) this.reserve(this.length + 1);
    this.data[this.length++] = value;
  }

  /** Makes room for at least `capacity` entries. */
  reserve(capacity: number): void {
    if (capacity <= this.data.length) return;
    const next = new Int32Array(Math.max(capacity, this.data.length * 2));
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }

  /** The written entries, trimmed to length (a copy). */
  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

/** The rows of a matrix picked by `rows`, in that order (a copy). */
export function selectRows(m: CsrMatrix, rows: ArrayLike<number>): CsrMatrix {
  let nnz = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as number;
    nnz += (m.indptr[r + 1] as number) - (m.indptr[r] as number);
  }
  const indptr = new Int32Array(rows.length + 1);
  const indices = new Int32Array(nnz);
  const values = m.values ? new Float32Array(nnz) : null;
  let at = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as number;
    const start = m.indptr[r] as number;
    const end = m.indptr[r + 1] as number;
    indices.set(m.indices.subarray(start, end), at);
    if (values && m.values) values.set(m.values.subarray(start, end), at);
    at += end - start;
    indptr[i + 1] = at;
  }
  return { rows: rows.length, cols: m.cols, indptr, indices, values };
}
