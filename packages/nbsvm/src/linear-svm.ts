import type { CsrMatrix } from './csr.ts';
import { mulberry32, shuffleInPlace } from './random.ts';

/** Settings of {@link trainL2Svm}. */
export interface L2SvmSettings {
  /** Inverse regularisation strength. */
  c: number;
  /** Stop when an epoch's projected-gradient spread is below this. */
  tolerance: number;
  /** At most this many epochs. */
  maxEpochs: number;
  /** Seed of the coordinate order. */
  seed: number;
}

/** A trained linear classifier: `score = w . x + bias`. */
export interface LinearModel {
  /** One weight per feature column. */
  weights: Float32Array;
  /** The intercept (learnt as the weight of a constant feature 1, regularised like liblinear's). */
  bias: number;
  /** Epochs run. */
  epochs: number;
  /** Whether the tolerance was reached before `maxEpochs`. */
  converged: boolean;
}

/**
 * L2-regularised L2-loss (squared hinge) linear SVM by dual coordinate descent (Hsieh et al. 2008, liblinear's
 * solver 1): minimises `|w|^2 / 2 + c * sum max(0, 1 - y_i w . x_i)^2` over rows picked by `rows`, with the
 * features of row i scaled column-wise by `scale` (the NB ratio). Exact to the tolerance, no learning rate.
 * @param positive per row of `x`, whether its target is +1 (else -1)
 * @param rows the rows to train on (all when null)
 */
export function trainL2Svm(
  x: CsrMatrix,
  positive: Uint8Array,
  scale: Float32Array,
  settings: L2SvmSettings,
  rows: Int32Array | null = null,
): LinearModel {
  const order = rows ? Int32Array.from(rows) : Int32Array.from({ length: x.rows }, (_, i) => i);
  const n = order.length;
  const { indptr, indices, values } = x;
  const w = new Float64Array(x.cols);
  let bias = 0;
  const alpha = new Float64Array(x.rows);
  const diag = 0.5 / settings.c;
  const qii = new Float64Array(x.rows);
  for (let k = 0; k < n; k++) {
    const r = order[k] as number;
    let s = 1 + diag; // the constant bias feature contributes 1
    for (let e = indptr[r] as number, end = indptr[r + 1] as number; e < end; e++) {
      const v = (values ? (values[e] as number) : 1) * (scale[indices[e] as number] as number);
      s += v * v;
    }
    qii[r] = s;
  }
  const random = mulberry32(settings.seed);
  let epoch = 0;
  let converged = false;
  while (epoch < settings.maxEpochs) {
    epoch++;
    shuffleInPlace(order, random);
    let pgMax = Number.NEGATIVE_INFINITY;
    let pgMin = Number.POSITIVE_INFINITY;
    for (let k = 0; k < n; k++) {
      const r = order[k] as number;
      const y = positive[r] ? 1 : -1;
      const start = indptr[r] as number;
      const end = indptr[r + 1] as number;
      let dot = bias;
      if (values) {
        for (let e = start; e < end; e++) {
          const c = indices[e] as number;
          dot += (w[c] as number) * (values[e] as number) * (scale[c] as number);
        }
      } else {
        for (let e = start; e < end; e++) {
          const c = indices[e] as number;
          dot += (w[c] as number) * (scale[c] as number);
        }
      }
      const a = alpha[r] as number;
      const g = y * dot - 1 + diag * a;
      const pg = a === 0 ? Math.min(g, 0) : g;
      if (pg > pgMax) pgMax = pg;
      if (pg < pgMin) pgMin = pg;
      if (Math.abs(pg) <= 1e-12) continue;
      const next = Math.max(a - g / (qii[r] as number), 0);
      const d = (next - a) * y;
      alpha[r] = next;
      bias += d;
      if (values) {
        for (let e = start; e < end; e++) {
          const c = indices[e] as number;
          w[c] = (w[c] as number) + d * (values[e] as number) * (scale[c] as number);
        }
      } else {
        for (let e = start; e < end; e++) {
          const c = indices[e] as number;
          w[c] = (w[c] as number) + d * (scale[c] as number);
        }
      }
    }
    if (pgMax - pgMin < settings.tolerance) {
      converged = true;
      break;
    }
  }
  return { weights: Float32Array.from(w), bias, epochs: epoch, converged };
}
