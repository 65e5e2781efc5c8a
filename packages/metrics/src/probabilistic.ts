import { MetricsError } from './errors.ts';
import { ExactSum } from './fsum.ts';
import type { NumericArray, ProbabilityInput, ProbabilityTable } from './types.ts';
import {
  checkSamples,
  positiveColumn,
  type ReadProbabilityOptions,
  readLabels,
  readProbabilities,
  tableClasses,
} from './validate.ts';

/** float64 machine epsilon, scikit-learn's default clipping for float64 input (`np.finfo(float64).eps`). */
export const LOG_LOSS_EPS = 2.220446049250313e-16;

/** Options of {@link logLoss}. */
export interface LogLossOptions extends ReadProbabilityOptions {
  /**
   * Probabilities are clipped to `[eps, 1 - eps]` (then each row is renormalised to sum 1) so a confident
   * mistake costs `-ln(eps)` ≈ 36.04 instead of infinity. Must lie in (0, 0.5).
   * @default 2.220446049250313e-16 (float64 machine epsilon, as scikit-learn for float64 input)
   */
  eps?: number;
}

/** Validated labels with their probability table. */
export interface LabelledProbabilities {
  /** True class per sample. */
  labels: Int32Array;
  /** Probabilities per sample. */
  table: ProbabilityTable;
}

/** Validates labels against probabilities; labels must lie in `[0, C)` with C the table's class count. */
export function readLabelledProbabilities(
  yTrue: NumericArray,
  yProb: ProbabilityInput,
  options: ReadProbabilityOptions,
): LabelledProbabilities {
  const n = checkSamples(yTrue, 'yTrue');
  const table = readProbabilities(yProb, n, 'yProb', options);
  const { labels } = readLabels(yTrue, 'yTrue', tableClasses(table));
  return { labels, table };
}

/** Checks the `eps` option. */
export function checkEps(eps: number): number {
  if (!(eps > 0 && eps < 0.5))
    throw new MetricsError('INVALID_OPTION', `eps must lie in (0, 0.5), got ${eps}`);
  return eps;
}

const clip = (v: number, eps: number) => Math.min(1 - eps, Math.max(eps, v));

/** Mean negative log-likelihood, scikit-learn 1.2's recipe: clip, renormalise rows, −ln p(true class). */
export function logLossFromTable(data: LabelledProbabilities, eps: number): number {
  const { labels, table } = data;
  const sum = new ExactSum();
  const c = table.columns;
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i] as number;
    if (table.layout === 'positive') {
      const p = clip(table.values[i] as number, eps);
      const q = 1 - p;
      sum.add(-Math.log((y === 1 ? p : q) / (q + p)));
    } else {
      let rowSum = 0;
      for (let j = 0; j < c; j++) rowSum += clip(table.values[i * c + j] as number, eps);
      sum.add(-Math.log(clip(table.values[i * c + y] as number, eps) / rowSum));
    }
  }
  return sum.value() / labels.length;
}

/** Mean squared difference between the 0/1 outcome and the positive-class probability. */
export function brierFromTable(data: LabelledProbabilities): number {
  const p = positiveColumn(data.table, 'yProb');
  const sum = new ExactSum();
  data.labels.forEach((y, i) => {
    const d = y - (p[i] as number);
    sum.add(d * d);
  });
  return sum.value() / data.labels.length;
}

/**
 * Log loss (cross-entropy), as scikit-learn's `log_loss`: the mean over samples of −ln p(true class), with
 * probabilities clipped to `[eps, 1 − eps]` and rows renormalised. Binary (one positive-class probability
 * per sample, or n × 2) and multi-class (n × C; labels in [0, C)).
 * @example logLoss([0, 1], [0.2, 0.7]) // (−ln 0.8 − ln 0.7) / 2 ≈ 0.2899
 */
export function logLoss(yTrue: NumericArray, yProb: ProbabilityInput, options: LogLossOptions = {}): number {
  const eps = checkEps(options.eps ?? LOG_LOSS_EPS);
  return logLossFromTable(readLabelledProbabilities(yTrue, yProb, options), eps);
}

/**
 * Brier score for binary labels, as scikit-learn's `brier_score_loss`: the mean of (y − p)² with y ∈ {0, 1}
 * and p the positive-class probability (column 1 of n × 2 rows). 0 is perfect, lower is better.
 * @example brierScore([0, 1], [0.2, 0.7]) // (0.04 + 0.09) / 2 = 0.065
 */
export function brierScore(
  yTrue: NumericArray,
  yProb: ProbabilityInput,
  options: ReadProbabilityOptions = {},
): number {
  const data = readLabelledProbabilities(yTrue, yProb, options);
  if (tableClasses(data.table) !== 2) positiveColumn(data.table, 'yProb');
  return brierFromTable(data);
}
