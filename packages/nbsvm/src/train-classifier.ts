import type { CsrMatrix } from './csr.ts';
import { trainL2Svm } from './linear-svm.ts';
import { nbLogCountRatio } from './nb-ratio.ts';
import type { TrainerOptions } from './options.ts';
import { fitPlatt, type PlattSigmoid } from './platt.ts';
import { mulberry32, shuffleInPlace } from './random.ts';

/** One "class vs rest" NB-SVM: effective weights (NB ratio and interpolation folded in) and its sigmoid. */
export interface BinaryNbSvm {
  /** `score = weights . x + bias` on the raw (unscaled) features. */
  weights: Float32Array;
  /** The intercept. */
  bias: number;
  /** Maps the score to a probability, fitted on held-out folds. */
  platt: PlattSigmoid;
  /** Epochs of the final SVM fit. */
  epochs: number;
}

/** NB scaling, SVM, interpolation, then the NB ratio folded into the weights so prediction needs no scaling. */
export function fitOnce(
  x: CsrMatrix,
  positive: Uint8Array,
  options: TrainerOptions,
  rows: Int32Array | null,
): { weights: Float32Array; bias: number; epochs: number } {
  const r = nbLogCountRatio(x, positive, options.alpha, rows);
  const svm = trainL2Svm(x, positive, r, options, rows);
  const w = svm.weights;
  let meanAbs = 0;
  for (let c = 0; c < w.length; c++) meanAbs += Math.abs(w[c] as number);
  meanAbs /= Math.max(1, w.length);
  const { beta } = options;
  for (let c = 0; c < w.length; c++)
    w[c] = (beta * (w[c] as number) + (1 - beta) * meanAbs) * (r[c] as number);
  return { weights: w, bias: svm.bias, epochs: svm.epochs };
}

/** The score of row `r` of `x` under weights and bias. */
export function rowScore(x: CsrMatrix, r: number, weights: Float32Array, bias: number): number {
  let s = bias;
  for (let e = x.indptr[r] as number, end = x.indptr[r + 1] as number; e < end; e++)
    s += (weights[x.indices[e] as number] as number) * (x.values ? (x.values[e] as number) : 1);
  return s;
}

/**
 * Trains one "class vs rest" NB-SVM on all rows, and `calibrationFolds` more on all but one fold each, whose
 * held-out scores fit the Platt sigmoid (so probabilities are not fitted on scores the SVM has seen).
 */
export function trainBinaryNbSvm(x: CsrMatrix, positive: Uint8Array, options: TrainerOptions): BinaryNbSvm {
  const folds = Math.min(options.calibrationFolds, x.rows);
  const order = Int32Array.from({ length: x.rows }, (_, i) => i);
  shuffleInPlace(order, mulberry32(options.seed ^ 0x5f3759df));
  const heldOut = new Float64Array(x.rows);
  const targets = new Uint8Array(x.rows);
  for (let f = 0; f < folds; f++) {
    const test: number[] = [];
    const train: number[] = [];
    for (let k = 0; k < order.length; k++) (k % folds === f ? test : train).push(order[k] as number);
    const model = fitOnce(x, positive, options, Int32Array.from(train));
    for (const r of test) heldOut[r] = rowScore(x, r, model.weights, model.bias);
  }
  for (let r = 0; r < x.rows; r++) targets[r] = positive[r] as number;
  let platt = fitPlatt(heldOut, targets);
  const final = fitOnce(x, positive, options, null);
  // Folds of a tiny data set can give held-out scores that rank backwards; a sigmoid must never invert the
  // SVM, so then the in-sample scores fit it (and failing that, the plain logistic of the score).
  if (!(platt.a < 0)) {
    for (let r = 0; r < x.rows; r++) heldOut[r] = rowScore(x, r, final.weights, final.bias);
    platt = fitPlatt(heldOut, targets);
    if (!(platt.a < 0)) platt = { a: -1, b: 0 };
  }
  return { ...final, platt };
}
