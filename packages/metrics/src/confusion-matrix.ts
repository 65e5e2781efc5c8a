import { MetricsError } from './errors.ts';
import type { NumericArray } from './types.ts';
import { checkLabelList, checkNumClasses, checkPair, readLabels } from './validate.ts';

/** Counts of (true class, predicted class) pairs: `m[t * k + p]`. What every count-based metric reads. */
export interface Counts {
  /** Number of classes. */
  k: number;
  /** Row-major k × k counts, rows = true class, columns = predicted class. */
  m: Float64Array;
}

/** Options shared by every function that takes true and predicted labels. */
export interface LabelOptions {
  /**
   * Number of classes: labels must lie in `[0, numClasses)`.
   * @default max(2, largest label in yTrue, yPred or `labels` + 1)
   */
  numClasses?: number;
}

/** Validated label pair with its class count. */
export interface LabelPair {
  /** True classes. */
  yTrue: Int32Array;
  /** Predicted classes. */
  yPred: Int32Array;
  /** Number of classes. */
  k: number;
}

/** Validates aligned true/predicted labels; `extra` are option labels that must fit in the class count. */
export function readPair(
  yTrue: NumericArray,
  yPred: NumericArray,
  options: LabelOptions,
  extra: readonly number[] = [],
): LabelPair {
  checkPair(yTrue, 'yTrue', yPred, 'yPred');
  const given = options.numClasses === undefined ? undefined : checkNumClasses(options.numClasses);
  const t = readLabels(yTrue, 'yTrue', given);
  const p = readLabels(yPred, 'yPred', given);
  const k = given ?? Math.max(2, t.max + 1, p.max + 1, ...extra.map((l) => l + 1));
  return { yTrue: t.labels, yPred: p.labels, k };
}

/** An empty k × k count table. */
export function emptyCounts(k: number): Counts {
  return { k, m: new Float64Array(k * k) };
}

/** Adds aligned label pairs to a count table. */
export function addPairs(counts: Counts, yTrue: Int32Array, yPred: Int32Array): void {
  const { k, m } = counts;
  for (let i = 0; i < yTrue.length; i++) {
    const idx = (yTrue[i] as number) * k + (yPred[i] as number);
    m[idx] = (m[idx] as number) + 1;
  }
}

/** Count table of a validated pair. */
export function countPair(pair: LabelPair): Counts {
  const counts = emptyCounts(pair.k);
  addPairs(counts, pair.yTrue, pair.yPred);
  return counts;
}

/** Number of samples in a count table. */
export function total(c: Counts): number {
  let s = 0;
  for (const v of c.m) s += v;
  return s;
}

/** Samples per true class (row sums). */
export function trueSums(c: Counts): number[] {
  const out = new Array<number>(c.k).fill(0);
  for (let t = 0; t < c.k; t++) {
    for (let p = 0; p < c.k; p++) out[t] = (out[t] as number) + (c.m[t * c.k + p] as number);
  }
  return out;
}

/** Samples per predicted class (column sums). */
export function predSums(c: Counts): number[] {
  const out = new Array<number>(c.k).fill(0);
  for (let t = 0; t < c.k; t++) {
    for (let p = 0; p < c.k; p++) out[p] = (out[p] as number) + (c.m[t * c.k + p] as number);
  }
  return out;
}

/** Classes that occur in the true or the predicted labels, ascending (scikit-learn's `unique_labels`). */
export function presentLabels(c: Counts): number[] {
  const ts = trueSums(c);
  const ps = predSums(c);
  const out: number[] = [];
  for (let l = 0; l < c.k; l++) if ((ts[l] as number) > 0 || (ps[l] as number) > 0) out.push(l);
  return out;
}

/** Count table as rows (true) × columns (predicted), restricted to and ordered by `labels` when given. */
export function matrixOf(c: Counts, labels?: readonly number[]): number[][] {
  const ls = labels ?? Array.from({ length: c.k }, (_, i) => i);
  return ls.map((t) => ls.map((p) => c.m[t * c.k + p] as number));
}

/** Options of {@link confusionMatrix}. */
export interface ConfusionMatrixOptions extends LabelOptions {
  /**
   * Classes to show, in this order; samples whose true or predicted class is not listed are left out
   * (as scikit-learn's `labels`).
   * @default every class 0..numClasses-1 (scikit-learn instead shows only the classes present)
   */
  labels?: readonly number[];
}

/**
 * Confusion matrix: `cm[i][j]` = number of samples of true class i predicted as class j (scikit-learn's
 * layout). Binary is the 2 × 2 case `[[tn, fp], [fn, tp]]`.
 * @example confusionMatrix([0, 1, 1], [0, 1, 0]) // [[1, 0], [1, 1]]
 */
export function confusionMatrix(
  yTrue: NumericArray,
  yPred: NumericArray,
  options: ConfusionMatrixOptions = {},
): number[][] {
  const labels =
    options.labels === undefined ? undefined : checkLabelList(options.labels, options.numClasses);
  const pair = readPair(yTrue, yPred, options, labels);
  return matrixOf(countPair(pair), labels);
}

/** Throws `EMPTY_INPUT` for a count table without samples. */
export function requireSamples(c: Counts): number {
  const n = total(c);
  if (n === 0) throw new MetricsError('EMPTY_INPUT', 'no samples have been given');
  return n;
}
