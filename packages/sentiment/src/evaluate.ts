import {
  MetricsAccumulator,
  type MetricsSummary,
  precisionRecallFscore,
  predictClasses,
} from '@sentikit/metrics';
import type { TextClassifier } from './classifier.ts';
import { checkDataset, type Dataset } from './dataset.ts';
import type { SentimentModel } from './sentiment-model.ts';

/** Precision, recall and F1 under one averaging. */
export interface AveragedPrf {
  precision: number;
  recall: number;
  f1: number;
}

/** One class's scores, named as the model names it. */
export interface ClassPrf extends AveragedPrf {
  label: string;
  /** Texts of this class in the data. */
  support: number;
}

/** Validation or test metrics: the headline numbers plus the full summary from `@sentikit/metrics`. */
export interface EvaluationMetrics {
  /** Mean cross-entropy (log loss). */
  loss: number;
  accuracy: number;
  /** Of the positive class (label 1) with two classes, else macro-averaged. */
  precision: number;
  recall: number;
  f1: number;
  /** Unweighted means over the classes (every class counts the same, however rare). */
  macro: AveragedPrf;
  /** Means over the classes weighted by their support. */
  weighted: AveragedPrf;
  /** Every class's scores, in label order. */
  perClass: ClassPrf[];
  summary: MetricsSummary;
  /** Predicted class of each text (the most probable one). */
  predictions: Int32Array;
}

/** Per-class, macro and weighted scores of predictions against true classes `0..labels.length-1`. */
export function classScores(
  yTrue: Int32Array,
  yPred: Int32Array,
  labels: readonly string[],
): Pick<EvaluationMetrics, 'macro' | 'weighted' | 'perClass'> {
  const all = labels.map((_, i) => i);
  const common = { labels: all, numClasses: labels.length, zeroDivision: 0 } as const;
  const per = precisionRecallFscore(yTrue, yPred, { ...common, average: null });
  const averaged = (average: 'macro' | 'weighted'): AveragedPrf => {
    const s = precisionRecallFscore(yTrue, yPred, { ...common, average });
    return { precision: s.precision, recall: s.recall, f1: s.fScore };
  };
  return {
    macro: averaged('macro'),
    weighted: averaged('weighted'),
    perClass: labels.map((label, i) => ({
      label,
      precision: per.precision[i] as number,
      recall: per.recall[i] as number,
      f1: per.fScore[i] as number,
      support: per.support[i] as number,
    })),
  };
}

/** Scores a model on labelled texts. */
export function evaluateModel(
  model: SentimentModel,
  data: Dataset,
  options: { batchSize?: number } = {},
): EvaluationMetrics {
  const classes = model.config.labels.length;
  checkDataset(data, classes, 'evaluation set');
  const { probs } = model.probabilities(data.texts, { batchSize: options.batchSize ?? 128 });
  return metricsOf(probs, data, model.config.labels);
}

/** Scores a model of any family on labelled texts. */
export async function evaluateClassifier(
  classifier: TextClassifier,
  data: Dataset,
): Promise<EvaluationMetrics> {
  const classes = classifier.labels.length;
  checkDataset(data, classes, 'evaluation set');
  return metricsOf(await classifier.predictProbabilities(data.texts), data, classifier.labels);
}

/**
 * Metrics of row-major probabilities against the data's labels.
 * @param labels the class names (or just their number: classes are then named by index)
 */
export function metricsOf(
  probs: Float32Array,
  data: Dataset,
  labels: number | readonly string[],
): EvaluationMetrics {
  const names = typeof labels === 'number' ? Array.from({ length: labels }, (_, i) => String(i)) : labels;
  const yTrue = Int32Array.from(data.labels);
  const acc = new MetricsAccumulator({ numClasses: names.length });
  acc.update({ yTrue, probabilities: probs });
  const summary = acc.compute({ zeroDivision: 0 });
  const predictions = predictClasses(probs, data.texts.length);
  return {
    predictions,
    loss: summary.logLoss ?? Number.NaN,
    accuracy: summary.accuracy,
    precision: summary.precision,
    recall: summary.recall,
    f1: summary.fScore,
    ...classScores(yTrue, predictions, names),
    summary,
  };
}
