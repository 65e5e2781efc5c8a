import { MetricsError } from './errors.ts';
import { ExactSum } from './fsum.ts';
import { type LabelledProbabilities, readLabelledProbabilities } from './probabilistic.ts';
import type { NumericArray, ProbabilityInput } from './types.ts';
import { checkInteger, positiveColumn, type ReadProbabilityOptions } from './validate.ts';

/** Options of {@link expectedCalibrationError} and {@link calibrationBins}. */
export interface CalibrationOptions extends ReadProbabilityOptions {
  /** Number of equal-width bins over [0, 1]. @default 10 */
  nBins?: number;
  /**
   * What is binned:
   * `'max'`: the confidence max_j p_j of the predicted class (argmax, lowest index on ties; binary p > 0.5
   * predicts 1) against whether that prediction is correct (Guo et al. 2017, works for any class count);
   * `'positive'`: the positive-class probability against whether the sample is positive (binary only; the
   * reliability diagram of scikit-learn's `calibration_curve`).
   * @default 'max'
   */
  confidence?: 'max' | 'positive';
}

/** One bin of a reliability diagram. */
export interface CalibrationBin {
  /** Lower edge (exclusive, except 0 for the first bin). */
  lower: number;
  /** Upper edge (inclusive). */
  upper: number;
  /** Samples whose confidence falls in (lower, upper]. */
  count: number;
  /** Mean confidence of those samples; NaN when the bin is empty. */
  meanConfidence: number;
  /** Fraction correct (`'max'`) or fraction positive (`'positive'`); NaN when the bin is empty. */
  observed: number;
}

/** Bin edges as numpy's `linspace(0, 1, nBins + 1)`: `k * (1 / nBins)`, last edge exactly 1. */
export function binEdges(nBins: number): number[] {
  const step = 1 / nBins;
  return Array.from({ length: nBins + 1 }, (_, k) => (k === nBins ? 1 : k * step));
}

/** Bin index as scikit-learn's `searchsorted(edges[1:-1], c)`: number of inner edges strictly below c. */
function binOf(c: number, edges: readonly number[], nBins: number): number {
  let b = Math.min(nBins - 1, Math.floor(c * nBins));
  while (b > 0 && (edges[b] as number) >= c) b--;
  while (b < nBins - 1 && (edges[b + 1] as number) < c) b++;
  return b;
}

/** Reliability-diagram bins of validated data. */
export function binsFromTable(data: LabelledProbabilities, options: CalibrationOptions): CalibrationBin[] {
  const nBins = checkInteger(options.nBins ?? 10, 'nBins', 1);
  const mode = options.confidence ?? 'max';
  if (mode !== 'max' && mode !== 'positive') {
    throw new MetricsError('INVALID_OPTION', `confidence must be 'max' or 'positive', got ${String(mode)}`);
  }
  const { labels, table } = data;
  const edges = binEdges(nBins);
  const counts = new Array<number>(nBins).fill(0);
  const hits = new Array<number>(nBins).fill(0);
  const sums = Array.from({ length: nBins }, () => new ExactSum());
  const positive = mode === 'positive' ? positiveColumn(table, 'yProb') : undefined;
  const c = table.columns;
  for (let i = 0; i < labels.length; i++) {
    let conf: number;
    let hit: boolean;
    if (positive) {
      conf = positive[i] as number;
      hit = labels[i] === 1;
    } else if (table.layout === 'positive') {
      const p = table.values[i] as number;
      conf = p > 0.5 ? p : 1 - p;
      hit = (p > 0.5 ? 1 : 0) === labels[i];
    } else {
      let best = 0;
      for (let j = 1; j < c; j++)
        if ((table.values[i * c + j] as number) > (table.values[i * c + best] as number)) best = j;
      conf = table.values[i * c + best] as number;
      hit = best === labels[i];
    }
    const b = binOf(conf, edges, nBins);
    counts[b] = (counts[b] as number) + 1;
    if (hit) hits[b] = (hits[b] as number) + 1;
    sums[b]?.add(conf);
  }
  return counts.map((count, b) => ({
    lower: edges[b] as number,
    upper: edges[b + 1] as number,
    count,
    meanConfidence: count === 0 ? Number.NaN : (sums[b]?.value() as number) / count,
    observed: count === 0 ? Number.NaN : (hits[b] as number) / count,
  }));
}

/** ECE of validated data: Σ_b (n_b / n) · |observed_b − meanConfidence_b| over non-empty bins. */
export function eceFromTable(data: LabelledProbabilities, options: CalibrationOptions): number {
  const sum = new ExactSum();
  const n = data.labels.length;
  for (const bin of binsFromTable(data, options)) {
    if (bin.count > 0) sum.add((bin.count / n) * Math.abs(bin.observed - bin.meanConfidence));
  }
  return sum.value();
}

/**
 * Reliability-diagram bins: equal-width bins (lower, upper] over [0, 1] (the first includes 0), each with
 * its sample count, mean confidence and observed frequency. With `confidence: 'positive'` the non-empty
 * bins equal scikit-learn's `calibration_curve(strategy='uniform')` (`observed` = prob_true,
 * `meanConfidence` = prob_pred).
 */
export function calibrationBins(
  yTrue: NumericArray,
  yProb: ProbabilityInput,
  options: CalibrationOptions = {},
): CalibrationBin[] {
  return binsFromTable(readLabelledProbabilities(yTrue, yProb, options), options);
}

/**
 * Expected calibration error: the sample-weighted mean gap between confidence and observed frequency over
 * equal-width bins, Σ_b (n_b / n) · |observed_b − meanConfidence_b| (see {@link CalibrationOptions} for
 * what is binned). 0 is perfectly calibrated.
 * @example expectedCalibrationError([1, 0, 1, 1], [0.9, 0.2, 0.8, 0.3]) // 0.3
 */
export function expectedCalibrationError(
  yTrue: NumericArray,
  yProb: ProbabilityInput,
  options: CalibrationOptions = {},
): number {
  return eceFromTable(readLabelledProbabilities(yTrue, yProb, options), options);
}
