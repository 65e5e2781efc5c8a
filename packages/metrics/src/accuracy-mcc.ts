import {
  type Counts,
  countPair,
  type LabelOptions,
  predSums,
  readPair,
  total,
  trueSums,
} from './confusion-matrix.ts';
import type { NumericArray } from './types.ts';

/** Fraction of samples whose predicted class equals the true class (from counts). */
export function accuracyFromCounts(c: Counts): number {
  let correct = 0;
  for (let l = 0; l < c.k; l++) correct += c.m[l * c.k + l] as number;
  return correct / total(c);
}

/**
 * Matthews correlation coefficient from counts, scikit-learn's multi-class form (Gorodkin's R_K):
 * `(c·s − Σ p_k t_k) / sqrt((s² − Σ p_k²)(s² − Σ t_k²))` with c correct, s samples, t/p true/predicted
 * counts per class; 0 when the denominator is 0; clamped to [-1, 1] against rounding.
 */
export function mccFromCounts(c: Counts): number {
  const t = trueSums(c);
  const p = predSums(c);
  let correct = 0;
  let tp = 0;
  let pp = 0;
  let tt = 0;
  for (let l = 0; l < c.k; l++) {
    correct += c.m[l * c.k + l] as number;
    tp += (t[l] as number) * (p[l] as number);
    pp += (p[l] as number) ** 2;
    tt += (t[l] as number) ** 2;
  }
  const s = total(c);
  const covYtYp = correct * s - tp;
  const covYpYp = s * s - pp;
  const covYtYt = s * s - tt;
  if (covYpYp * covYtYt === 0) return 0;
  return Math.max(-1, Math.min(1, covYtYp / Math.sqrt(covYtYt * covYpYp)));
}

/**
 * Accuracy: the fraction of samples with `yPred[i] === yTrue[i]` (scikit-learn's `accuracy_score`).
 * @example accuracy([0, 1, 1, 0], [0, 1, 0, 0]) // 0.75
 */
export function accuracy(yTrue: NumericArray, yPred: NumericArray, options: LabelOptions = {}): number {
  return accuracyFromCounts(countPair(readPair(yTrue, yPred, options)));
}

/**
 * Matthews correlation coefficient in [-1, 1] (scikit-learn's `matthews_corrcoef`, multi-class
 * generalisation included): 1 perfect, 0 no better than chance, -1 total disagreement. Returns 0 when it is
 * undefined (all samples in one true class or one predicted class), as scikit-learn.
 */
export function matthewsCorrcoef(
  yTrue: NumericArray,
  yPred: NumericArray,
  options: LabelOptions = {},
): number {
  return mccFromCounts(countPair(readPair(yTrue, yPred, options)));
}
