import { type Counts, countPair, type LabelOptions, readPair } from './confusion-matrix.ts';
import type { WarningHandler } from './errors.ts';
import { type AveragedScores, type ClassScores, type PrfMetric, prfFromCounts } from './prf-core.ts';
import type { Average, NumericArray, ZeroDivision } from './types.ts';

/** Options of {@link precision}, {@link recall}, {@link f1Score} and (with `beta`) the F-beta functions. */
export interface PrecisionRecallOptions extends LabelOptions {
  /**
   * How per-class scores are combined; `null` returns one score per class (scikit-learn's `None`).
   * `'binary'` needs at most two classes present and scores `posLabel` only.
   * @default 'binary'
   */
  average?: Average | null;
  /**
   * Classes to score, in this order (not with `'binary'`). Listing a class that never occurs gives it
   * zero support; leaving a class out drops it from the average (e.g. a majority class).
   * @default the classes present in yTrue or yPred, ascending (as scikit-learn)
   */
  labels?: readonly number[];
  /** The positive class for `average: 'binary'`; ignored otherwise. @default 1 */
  posLabel?: number;
  /** Value of a score whose denominator is 0; see {@link ZeroDivision}. @default 'warn' */
  zeroDivision?: ZeroDivision;
  /** Called with each zero-division warning (`zeroDivision: 'warn'` only). @default undefined */
  onWarning?: WarningHandler;
}

/** Options of {@link precisionRecallFscore}: {@link PrecisionRecallOptions} plus `beta`. */
export interface FscoreOptions extends PrecisionRecallOptions {
  /** Weight of recall in the F-score: β > 1 favours recall, β < 1 precision; Infinity = recall. @default 1 */
  beta?: number;
}

/** Precision/recall/F from a count table with public options; shared with the accumulator. */
export function scoresFromCounts(
  c: Counts,
  options: FscoreOptions,
  warnFor: readonly PrfMetric[],
): ClassScores | AveragedScores {
  return prfFromCounts(c, {
    average: options.average === undefined ? 'binary' : options.average,
    beta: options.beta ?? 1,
    zeroDivision: options.zeroDivision ?? 'warn',
    labels: options.labels,
    posLabel: options.posLabel ?? 1,
    warnFor,
    onWarning: options.onWarning,
  });
}

function countsOf(yTrue: NumericArray, yPred: NumericArray, options: PrecisionRecallOptions): Counts {
  const extra = options.average === 'binary' || options.average === undefined ? [] : (options.labels ?? []);
  return countPair(readPair(yTrue, yPred, options, extra));
}

/** Picks one score out of the core result: an array with `average: null`, else a number. */
export function pick(
  r: ClassScores | AveragedScores,
  key: 'precision' | 'recall' | 'fScore',
): number | number[] {
  return r[key];
}

/**
 * Precision, recall, F-beta and support, as scikit-learn's `precision_recall_fscore_support`.
 * With `average: null` every field is per class (see {@link ClassScores}); otherwise averaged.
 * @example precisionRecallFscore([0, 1, 1, 1], [0, 1, 0, 1]) // { precision: 1, recall: 0.666…, fScore: 0.8, … }
 */
export function precisionRecallFscore(
  yTrue: NumericArray,
  yPred: NumericArray,
  options: FscoreOptions & { average: null },
): ClassScores;
export function precisionRecallFscore(
  yTrue: NumericArray,
  yPred: NumericArray,
  options?: FscoreOptions & { average?: Average },
): AveragedScores;
export function precisionRecallFscore(
  yTrue: NumericArray,
  yPred: NumericArray,
  options?: FscoreOptions,
): ClassScores | AveragedScores;
export function precisionRecallFscore(
  yTrue: NumericArray,
  yPred: NumericArray,
  options: FscoreOptions = {},
): ClassScores | AveragedScores {
  return scoresFromCounts(countsOf(yTrue, yPred, options), options, ['precision', 'recall', 'f-score']);
}

/** F-beta score (weighted harmonic mean of precision and recall), as scikit-learn's `fbeta_score`. */
export function fbetaScore(
  yTrue: NumericArray,
  yPred: NumericArray,
  beta: number,
  options: PrecisionRecallOptions & { average: null },
): number[];
export function fbetaScore(
  yTrue: NumericArray,
  yPred: NumericArray,
  beta: number,
  options?: PrecisionRecallOptions & { average?: Average },
): number;
export function fbetaScore(
  yTrue: NumericArray,
  yPred: NumericArray,
  beta: number,
  options?: PrecisionRecallOptions,
): number | number[];
export function fbetaScore(
  yTrue: NumericArray,
  yPred: NumericArray,
  beta: number,
  options: PrecisionRecallOptions = {},
): number | number[] {
  return pick(scoresFromCounts(countsOf(yTrue, yPred, options), { ...options, beta }, ['f-score']), 'fScore');
}

/** F1 score, the harmonic mean of precision and recall, as scikit-learn's `f1_score`. */
export function f1Score(
  yTrue: NumericArray,
  yPred: NumericArray,
  options: PrecisionRecallOptions & { average: null },
): number[];
export function f1Score(
  yTrue: NumericArray,
  yPred: NumericArray,
  options?: PrecisionRecallOptions & { average?: Average },
): number;
export function f1Score(
  yTrue: NumericArray,
  yPred: NumericArray,
  options?: PrecisionRecallOptions,
): number | number[];
export function f1Score(
  yTrue: NumericArray,
  yPred: NumericArray,
  options: PrecisionRecallOptions = {},
): number | number[] {
  return fbetaScore(yTrue, yPred, 1, options);
}

/** Precision tp / (tp + fp): of the samples predicted as a class, the share that are. As `precision_score`. */
export function precision(
  yTrue: NumericArray,
  yPred: NumericArray,
  options: PrecisionRecallOptions & { average: null },
): number[];
export function precision(
  yTrue: NumericArray,
  yPred: NumericArray,
  options?: PrecisionRecallOptions & { average?: Average },
): number;
export function precision(
  yTrue: NumericArray,
  yPred: NumericArray,
  options?: PrecisionRecallOptions,
): number | number[];
export function precision(
  yTrue: NumericArray,
  yPred: NumericArray,
  options: PrecisionRecallOptions = {},
): number | number[] {
  return pick(scoresFromCounts(countsOf(yTrue, yPred, options), options, ['precision']), 'precision');
}

/** Recall tp / (tp + fn): of the samples of a class, the share found. As scikit-learn's `recall_score`. */
export function recall(
  yTrue: NumericArray,
  yPred: NumericArray,
  options: PrecisionRecallOptions & { average: null },
): number[];
export function recall(
  yTrue: NumericArray,
  yPred: NumericArray,
  options?: PrecisionRecallOptions & { average?: Average },
): number;
export function recall(
  yTrue: NumericArray,
  yPred: NumericArray,
  options?: PrecisionRecallOptions,
): number | number[];
export function recall(
  yTrue: NumericArray,
  yPred: NumericArray,
  options: PrecisionRecallOptions = {},
): number | number[] {
  return pick(scoresFromCounts(countsOf(yTrue, yPred, options), options, ['recall']), 'recall');
}
