import {
  NbSvmModel,
  type NbSvmOptionsInput,
  type NbSvmSelection,
  type NbSvmTrainingStats,
} from '@sentikit/nbsvm';
import type { TextClassifier } from './classifier.ts';
import { checkDataset, type Dataset } from './dataset.ts';
import { chooseEnsembleWeights, EnsembleClassifier, type EnsembleMetric } from './ensemble.ts';
import { type EvaluationMetrics, evaluateClassifier } from './evaluate.ts';
import { NbSvmClassifier } from './nbsvm-classifier.ts';

/** Options of {@link trainNbSvmClassifier}. */
export interface NbSvmPipelineOptions {
  /** Training texts; `labels[i]` indexes {@link labels}. */
  train: Dataset;
  /** Scored at the end (reported, never used to fit). */
  validation?: Dataset;
  /** Scored once at the end (never used to choose anything). */
  test?: Dataset;
  /** Class names in label order; at least two. */
  labels: readonly string[];
  /** NB-SVM options (n-grams, features, c, beta, ...); `labels` come from {@link labels}. */
  nbsvm?: Omit<NbSvmOptionsInput, 'labels'>;
  /** The model's name. @default 'sentikit-nbsvm' */
  name?: string;
  /**
   * Settings to try on {@link validation} before the final fit (e.g. `{ c: [0.01, 0.1], beta: [0.5, 1] }`);
   * ignored without validation data.
   */
  select?: Omit<NbSvmSelection, 'validation'>;
}

/** What {@link trainNbSvmClassifier} produced. */
export interface NbSvmPipelineResult {
  classifier: NbSvmClassifier;
  /** Feature and fit seconds, features kept, epochs. */
  stats: NbSvmTrainingStats;
  validation: EvaluationMetrics | null;
  test: EvaluationMetrics | null;
}

/** Trains an NB-SVM classifier and scores it on validation and test data when given. */
export async function trainNbSvmClassifier(options: NbSvmPipelineOptions): Promise<NbSvmPipelineResult> {
  const k = options.labels.length;
  checkDataset(options.train, k, 'training set');
  const select =
    options.select && options.validation ? { ...options.select, validation: options.validation } : undefined;
  const model = NbSvmModel.train(
    options.train.texts,
    options.train.labels,
    { ...options.nbsvm, labels: [...options.labels] },
    select ? { select } : {},
  );
  const classifier = new NbSvmClassifier(model, {
    name: options.name ?? 'sentikit-nbsvm',
    version: new Date().toISOString().slice(0, 10),
  });
  const validation = options.validation ? await evaluateClassifier(classifier, options.validation) : null;
  const test = options.test ? await evaluateClassifier(classifier, options.test) : null;
  if (test) classifier.metrics = headline(test);
  return { classifier, stats: model.stats as NbSvmTrainingStats, validation, test };
}

/** Options of {@link buildEnsemble}. */
export interface EnsembleOptions {
  /** Trained members sharing labels (e.g. a BiLSTM and an NB-SVM). */
  members: readonly TextClassifier[];
  /** The data the weights are chosen on: a validation split, never the test set. */
  validation: Dataset;
  /** Scored once at the end with the chosen weights. */
  test?: Dataset;
  /** Weight grid step. @default 0.05 */
  step?: number;
  /** What the weights optimise on validation. @default 'logLoss' */
  metric?: EnsembleMetric;
  /** The ensemble's name. @default 'sentikit-ensemble' */
  name?: string;
}

/**
 * Combines trained models into an {@link EnsembleClassifier}: their validation probabilities pick the weights
 * by grid search; then the ensemble is scored on validation and test when given.
 */
export async function buildEnsemble(options: EnsembleOptions): Promise<{
  ensemble: EnsembleClassifier;
  /** The chosen weights' validation value of `metric` (a loss, lower is better, for the log-loss metrics). */
  validationScore: number;
  validation: EvaluationMetrics;
  test: EvaluationMetrics | null;
}> {
  const k = (options.members[0] as TextClassifier).labels.length;
  checkDataset(options.validation, k, 'validation set');
  const probabilities: Float32Array[] = [];
  for (const m of options.members) probabilities.push(await m.predictProbabilities(options.validation.texts));
  const choice = chooseEnsembleWeights(probabilities, options.validation.labels, k, {
    ...(options.step ? { step: options.step } : {}),
    ...(options.metric ? { metric: options.metric } : {}),
  });
  const ensemble = new EnsembleClassifier(options.members, choice.weights, {
    name: options.name ?? 'sentikit-ensemble',
    version: new Date().toISOString().slice(0, 10),
  });
  const validation = await evaluateClassifier(ensemble, options.validation);
  const test = options.test ? await evaluateClassifier(ensemble, options.test) : null;
  if (test) ensemble.metrics = headline(test);
  return { ensemble, validationScore: choice.score, validation, test };
}

function headline(m: EvaluationMetrics): Record<string, number> {
  return { accuracy: m.accuracy, precision: m.precision, recall: m.recall, f1: m.f1, loss: m.loss };
}
