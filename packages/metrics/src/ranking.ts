import { MetricsError, type MetricsWarning, type WarningHandler } from './errors.ts';
import { ExactSum } from './fsum.ts';
import type { NumericArray, ProbabilityInput } from './types.ts';
import {
  checkSamples,
  positiveColumn,
  type ReadProbabilityOptions,
  readLabels,
  readProbabilities,
} from './validate.ts';

/** Options of {@link rocAucScore}. */
export interface RocAucOptions extends ReadProbabilityOptions {}

/** Options of {@link averagePrecisionScore}. */
export interface AveragePrecisionOptions extends ReadProbabilityOptions {
  /** Called when `yTrue` has no positive sample (the score is then 0, as scikit-learn). @default undefined */
  onWarning?: WarningHandler;
}

/** Validated binary ranking data: labels 0/1 and the positive-class score of each sample. */
export interface BinaryScores {
  /** 1 = positive, 0 = negative. */
  labels: Int32Array;
  /** Positive-class score per sample. */
  scores: Float64Array;
}

/**
 * Validates binary labels and scores. A flat array with one value per sample may hold any finite scores
 * (probabilities, logits, margins); probability rows (n × 2) use column 1.
 */
export function readBinaryScores(
  yTrue: NumericArray,
  yScore: ProbabilityInput,
  options: ReadProbabilityOptions = {},
): BinaryScores {
  const n = checkSamples(yTrue, 'yTrue');
  const { labels } = readLabels(yTrue, 'yTrue', 2);
  const first = yScore[0];
  if (typeof first === 'number' && yScore.length === n) {
    const scores = Float64Array.from(yScore as NumericArray);
    scores.forEach((v, i) => {
      if (!Number.isFinite(v)) {
        throw new MetricsError('INVALID_SCORE', `yScore[${i}] = ${v} is not a finite number`, { index: i });
      }
    });
    return { labels, scores };
  }
  return { labels, scores: positiveColumn(readProbabilities(yScore, n, 'yScore', options), 'yScore') };
}

/** Per distinct score, from the highest down: how many positives and negatives have exactly that score. */
function groups(data: BinaryScores): { pos: number[]; neg: number[] } {
  const { labels, scores } = data;
  let nPos = 0;
  for (const l of labels) nPos += l;
  const posScores = new Float64Array(nPos);
  const negScores = new Float64Array(labels.length - nPos);
  let a = 0;
  let b = 0;
  labels.forEach((l, i) => {
    if (l === 1) posScores[a++] = scores[i] as number;
    else negScores[b++] = scores[i] as number;
  });
  posScores.sort();
  negScores.sort();
  // Walk both ascending-sorted arrays from the top; -0 and +0 are adjacent and compare equal.
  const pos: number[] = [];
  const neg: number[] = [];
  let i = posScores.length - 1;
  let j = negScores.length - 1;
  while (i >= 0 || j >= 0) {
    const top = Math.max(
      i >= 0 ? (posScores[i] as number) : -Infinity,
      j >= 0 ? (negScores[j] as number) : -Infinity,
    );
    let p = 0;
    let n = 0;
    while (i >= 0 && posScores[i] === top) {
      p++;
      i--;
    }
    while (j >= 0 && negScores[j] === top) {
      n++;
      j--;
    }
    pos.push(p);
    neg.push(n);
  }
  return { pos, neg };
}

/**
 * ROC-AUC by the trapezoid rule over the distinct thresholds (tied scores form one ROC point, i.e. ties
 * count one half, the Mann–Whitney statistic), computed in exact integer arithmetic and rounded once.
 */
export function rocAucFromScores(data: BinaryScores): number {
  const { pos, neg } = groups(data);
  let p = 0;
  let n = 0;
  let twiceArea = 0;
  pos.forEach((pg, g) => {
    const ng = neg[g] as number;
    twiceArea += ng * (2 * p + pg);
    p += pg;
    n += ng;
  });
  if (p === 0 || n === 0) {
    throw new MetricsError(
      'UNDEFINED_METRIC',
      `ROC-AUC is not defined when yTrue holds only one class (${p} positive, ${n} negative samples)`,
    );
  }
  return twiceArea / (2 * p * n);
}

/**
 * Average precision, scikit-learn's step-wise sum Σ (R_k − R_{k−1}) · P_k over the distinct thresholds
 * (ties form one threshold), summed exactly. 0 with a warning when there is no positive sample.
 */
export function averagePrecisionFromScores(data: BinaryScores, onWarning?: WarningHandler): number {
  const { pos, neg } = groups(data);
  const total = pos.reduce((a, b) => a + b, 0);
  if (total === 0) {
    const warning: MetricsWarning = {
      code: 'UNDEFINED_METRIC',
      metric: 'average-precision',
      labels: [],
      message: 'No positive class found in yTrue: recall is ill-defined and average precision is set to 0.',
    };
    onWarning?.(warning);
    return 0;
  }
  const sum = new ExactSum();
  let tp = 0;
  let fp = 0;
  pos.forEach((pg, g) => {
    tp += pg;
    fp += neg[g] as number;
    if (pg > 0) sum.add((pg / total) * (tp / (tp + fp)));
  });
  return sum.value();
}

/**
 * Area under the ROC curve for binary labels (1 = positive), as scikit-learn's `roc_auc_score`: the
 * probability that a random positive scores above a random negative, ties counting one half.
 * Throws `UNDEFINED_METRIC` when `yTrue` holds only one class.
 * @param yScore scores for the positive class (any finite numbers), or probabilities (see ProbabilityInput)
 * @example rocAucScore([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) // 0.75
 */
export function rocAucScore(
  yTrue: NumericArray,
  yScore: ProbabilityInput,
  options: RocAucOptions = {},
): number {
  return rocAucFromScores(readBinaryScores(yTrue, yScore, options));
}

/**
 * Average precision for binary labels, as scikit-learn's `average_precision_score`: the precision at each
 * distinct threshold weighted by the recall gained there (step-wise, not interpolated).
 * @param yScore scores for the positive class (any finite numbers), or probabilities (see ProbabilityInput)
 * @example averagePrecisionScore([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) // 0.8333…
 */
export function averagePrecisionScore(
  yTrue: NumericArray,
  yScore: ProbabilityInput,
  options: AveragePrecisionOptions = {},
): number {
  return averagePrecisionFromScores(readBinaryScores(yTrue, yScore, options), options.onWarning);
}
