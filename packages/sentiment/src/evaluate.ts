import { MetricsAccumulator, type MetricsSummary, predictClasses } from '@sentikit/metrics';
import type { TextClassifier } from './classifier.ts';
import { checkDataset, type Dataset } from './dataset.ts';
import type { SentimentModel } from './sentiment-model.ts';

/** Validation or test metrics: the headline numbers plus the full summary from `@sentikit/metrics`. */
export interface EvaluationMetrics {
  /** Mean cross-entropy (log loss). */
  loss: number;
  accuracy: number;
  /** Of the positive class (label 1) with two classes, else macro-averaged. */
  precision: number;
  recall: number;
  f1: number;
  summary: MetricsSummary;
  /** Predicted class of each text (the most probable one). */
  predictions: Int32Array;
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
  return metricsOf(probs, data, classes);
}

/** Scores a model of any family on labelled texts. */
export async function evaluateClassifier(
  classifier: TextClassifier,
  data: Dataset,
): Promise<EvaluationMetrics> {
  const classes = classifier.labels.length;
  checkDataset(data, classes, 'evaluation set');
  return metricsOf(await classifier.predictProbabilities(data.texts), data, classes);
}

/** Metrics of row-major probabilities against the data's labels. */
export function metricsOf(probs: Float32Array, data: Dataset, classes: number): EvaluationMetrics {
  const acc = new MetricsAccumulator({ numClasses: classes });
  acc.update({ yTrue: Int32Array.from(data.labels), probabilities: probs });
  const summary = acc.compute();
  return {
    predictions: predictClasses(probs, data.texts.length),
    loss: summary.logLoss ?? Number.NaN,
    accuracy: summary.accuracy,
    precision: summary.precision,
    recall: summary.recall,
    f1: summary.fScore,
    summary,
  };
}
