import { type Counts, predSums, presentLabels, trueSums } from './confusion-matrix.ts';
import { MetricsError, type MetricsWarning, type WarningHandler } from './errors.ts';
import type { Average, ZeroDivision } from './types.ts';
import { checkLabelList } from './validate.ts';

/** Which scores may report a zero-division warning (scikit-learn's `warn_for`). */
export type PrfMetric = 'precision' | 'recall' | 'f-score';

/** Fully resolved options of the precision/recall/F core. */
export interface PrfSettings {
  /** `null` for per-class scores. */
  average: Average | null;
  /** F-beta weight. */
  beta: number;
  /** Value of 0/0 scores. */
  zeroDivision: ZeroDivision;
  /** Classes to score; `undefined` = the classes present. */
  labels: readonly number[] | undefined;
  /** Class scored by `'binary'`. */
  posLabel: number;
  /** Scores whose 0/0 is reported as a warning. */
  warnFor: readonly PrfMetric[];
  /** Receives each warning. */
  onWarning: WarningHandler | undefined;
}

/** Per-class precision, recall, F-beta and support, in the order of `labels`. */
export interface ClassScores {
  /** The classes scored, in order. */
  labels: number[];
  /** tp / (tp + fp) per class. */
  precision: number[];
  /** tp / (tp + fn) per class. */
  recall: number[];
  /** (1 + β²)·tp / ((1 + β²)·tp + β²·fn + fp) per class. */
  fScore: number[];
  /** Number of samples of each class in `yTrue`. */
  support: number[];
  /** Zero-division warnings (only with `zeroDivision: 'warn'`). */
  warnings: MetricsWarning[];
}

/** Averaged precision, recall and F-beta. */
export interface AveragedScores {
  /** Averaged tp / (tp + fp). */
  precision: number;
  /** Averaged tp / (tp + fn). */
  recall: number;
  /** Averaged F-beta (F1 unless `beta` is given). */
  fScore: number;
  /** Samples of the scored classes in `yTrue` (scikit-learn returns None here; the report prints this sum). */
  support: number;
  /** Zero-division warnings (only with `zeroDivision: 'warn'`). */
  warnings: MetricsWarning[];
}

const MODIFIER: Record<PrfMetric, string> = {
  precision: 'predicted',
  recall: 'true',
  'f-score': 'true nor predicted',
};

function zeroValue(z: ZeroDivision): number {
  if (z === 'nan') return Number.NaN;
  return z === 1 ? 1 : 0;
}

/** Checks `zeroDivision` and `beta`. */
export function checkPrfOptions(zeroDivision: unknown, beta: number): void {
  if (zeroDivision !== 'warn' && zeroDivision !== 0 && zeroDivision !== 1 && zeroDivision !== 'nan') {
    throw new MetricsError(
      'INVALID_OPTION',
      `zeroDivision must be 'warn', 0, 1 or 'nan', got ${JSON.stringify(zeroDivision)}`,
    );
  }
  if (!(beta >= 0)) throw new MetricsError('INVALID_OPTION', `beta must be >= 0, got ${beta}`);
}

function resolveLabels(c: Counts, s: PrfSettings): number[] {
  if (s.average !== 'binary') return s.labels ? checkLabelList(s.labels, c.k) : presentLabels(c);
  if (s.labels !== undefined) {
    throw new MetricsError('INVALID_OPTION', "labels has no effect with average 'binary': use posLabel");
  }
  if (!Number.isInteger(s.posLabel) || s.posLabel < 0 || s.posLabel >= c.k) {
    throw new MetricsError('LABEL_OUT_OF_RANGE', `posLabel = ${s.posLabel} is outside [0, ${c.k})`);
  }
  const present = presentLabels(c);
  if (present.length > 2) {
    throw new MetricsError(
      'INVALID_OPTION',
      `the labels hold ${present.length} classes (${present.join(', ')}) but average is 'binary'; use 'micro', 'macro', 'weighted' or null`,
    );
  }
  if (present.length === 2 && !present.includes(s.posLabel)) {
    throw new MetricsError(
      'INVALID_OPTION',
      `posLabel = ${s.posLabel} is not one of the classes present (${present.join(', ')})`,
    );
  }
  return [s.posLabel];
}

function divide(
  num: number[],
  den: number[],
  metric: PrfMetric,
  s: PrfSettings,
  labels: readonly number[],
  warnings: MetricsWarning[],
): number[] {
  const bad: number[] = [];
  const out = num.map((x, i) => {
    const d = den[i] as number;
    if (d !== 0) return x / d;
    bad.push(labels[i] as number);
    return zeroValue(s.zeroDivision);
  });
  if (bad.length > 0 && s.zeroDivision === 'warn' && s.warnFor.includes(metric)) {
    const name = metric === 'f-score' ? 'F-score' : metric[0]?.toUpperCase() + metric.slice(1);
    const where = out.length === 1 ? 'due to' : 'in labels with';
    const warning: MetricsWarning = {
      code: 'UNDEFINED_METRIC',
      metric,
      labels: s.average === 'micro' ? [] : bad,
      message: `${name} is ill-defined and being set to 0.0 ${where} no ${MODIFIER[metric]} samples. Use \`zeroDivision\` option to control this behavior.`,
    };
    warnings.push(warning);
    s.onWarning?.(warning);
  }
  return out;
}

/** Mean of the non-NaN entries, weighted when `weights` is given (unweighted if they sum to 0); NaN if none. */
export function nanAverage(values: readonly number[], weights?: readonly number[]): number {
  let sum = 0;
  let wsum = 0;
  let plain = 0;
  let count = 0;
  values.forEach((v, i) => {
    if (Number.isNaN(v)) return;
    const w = weights ? (weights[i] as number) : 1;
    sum += v * w;
    wsum += w;
    plain += v;
    count++;
  });
  if (count === 0) return Number.NaN;
  return wsum === 0 ? plain / count : sum / wsum;
}

/**
 * Precision, recall and F-beta from counts, as scikit-learn's `precision_recall_fscore_support`: F is 0/0
 * (set by `zeroDivision`) only when a class is neither true nor predicted (≥ 1.4 semantics), and otherwise
 * computed from P and R in the float order scikit-learn ≤ 1.3 used; averages skip NaN entries.
 */
export function prfFromCounts(c: Counts, s: PrfSettings): ClassScores | AveragedScores {
  checkPrfOptions(s.zeroDivision, s.beta);
  const labels = resolveLabels(c, s);
  const ts = trueSums(c);
  const ps = predSums(c);
  let tp = labels.map((l) => c.m[l * c.k + l] as number);
  let pred = labels.map((l) => ps[l] as number);
  let tru = labels.map((l) => ts[l] as number);
  const support = [...tru];
  if (s.average === 'micro') {
    const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);
    tp = [sum(tp)];
    pred = [sum(pred)];
    tru = [sum(tru)];
  }
  const warnings: MetricsWarning[] = [];
  const precision = divide(tp, pred, 'precision', s, labels, warnings);
  const recall = divide(tp, tru, 'recall', s, labels, warnings);
  let fScore: number[];
  if (s.beta === Number.POSITIVE_INFINITY) fScore = recall;
  else if (s.beta === 0) fScore = precision;
  else {
    const b2 = s.beta * s.beta;
    const undefinedF = divide(
      tp.map(() => 0),
      tru.map((x, i) => b2 * x + (pred[i] as number)),
      'f-score',
      s,
      labels,
      warnings,
    );
    // Defined F: (1 + β²)·P·R / (β²·P + R) in scikit-learn's float order (0 when tp = 0); 0/0 per policy.
    fScore = tp.map((x, i) => {
      if (b2 * (tru[i] as number) + (pred[i] as number) === 0) return undefinedF[i] as number;
      if (x === 0) return 0;
      const p = x / (pred[i] as number);
      const r = x / (tru[i] as number);
      return ((1 + b2) * p * r) / (b2 * p + r);
    });
  }
  if (s.average === null) {
    return { labels, precision, recall, fScore, support, warnings };
  }
  const weights = s.average === 'weighted' ? tru : undefined;
  return {
    precision: nanAverage(precision, weights),
    recall: nanAverage(recall, weights),
    fScore: nanAverage(fScore, weights),
    support: support.reduce((x, y) => x + y, 0),
    warnings,
  };
}
