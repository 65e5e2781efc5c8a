import type { CsrMatrix } from './csr.ts';

/**
 * The naive Bayes log-count ratio of Wang & Manning (2012) for "class vs rest":
 * `r = log((p / |p|_1) / (q / |q|_1))` with `p = alpha + sum of the rows in the class`, `q` the same over the
 * other rows.
 * @param positive per row, whether it is in the class
 * @param rows the rows to count (all when null)
 */
export function nbLogCountRatio(
  x: CsrMatrix,
  positive: Uint8Array,
  alpha: number,
  rows: Int32Array | null = null,
): Float32Array {
  const p = new Float64Array(x.cols).fill(alpha);
  const q = new Float64Array(x.cols).fill(alpha);
  const n = rows ? rows.length : x.rows;
  for (let k = 0; k < n; k++) {
    const r = rows ? (rows[k] as number) : k;
    const target = positive[r] ? p : q;
    const end = x.indptr[r + 1] as number;
    for (let e = x.indptr[r] as number; e < end; e++) {
      const c = x.indices[e] as number;
      target[c] = (target[c] as number) + (x.values ? (x.values[e] as number) : 1);
    }
  }
  let pSum = 0;
  let qSum = 0;
  for (let c = 0; c < x.cols; c++) {
    pSum += p[c] as number;
    qSum += q[c] as number;
  }
  const shift = Math.log(qSum / pSum);
  const r = new Float32Array(x.cols);
  for (let c = 0; c < x.cols; c++) r[c] = Math.log((p[c] as number) / (q[c] as number)) + shift;
  return r;
}
