import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One precision_recall_fscore_support call. */
export interface PrfFixture {
  average: 'binary' | 'micro' | 'macro' | 'weighted' | null;
  beta: number;
  zero_division: 'warn' | 0 | 1;
  labels: number[] | null;
  precision: number | number[];
  recall: number | number[];
  fscore: number | number[];
  support?: number[];
}

/** One classification_report call, text and dict. */
export interface ReportFixture {
  labels: number[] | null;
  target_names: string[] | null;
  digits: number;
  zero_division: 'warn' | 0 | 1;
  text: string;
  dict: Record<string, unknown>;
}

/** A label case. */
export interface ClassificationFixture {
  name: string;
  num_classes: number;
  y_true: number[];
  y_pred: number[];
  confusion_matrix: number[][];
  accuracy: number;
  mcc: number;
  prf: PrfFixture[];
  reports: ReportFixture[];
}

/** calibration_curve output with the bin counts and the ECE derived from them. */
export interface CalibrationFixture {
  confidence: 'max' | 'positive';
  n_bins: number;
  counts: number[];
  prob_true: number[];
  prob_pred: number[];
  ece: number;
}

/** A probability case: binary (positive-class probabilities) or rows. */
export interface ProbabilityFixture {
  name: string;
  kind: 'binary' | 'rows';
  num_classes?: number;
  y_true: number[];
  y_prob: number[] | number[][];
  log_loss: number;
  brier?: number;
  roc_auc?: number;
  average_precision?: number;
  calibration: CalibrationFixture[];
}

/** Real-valued scores for ROC-AUC and AP. */
export interface ScoresFixture {
  name: string;
  y_true: number[];
  y_score: number[];
  roc_auc: number;
  average_precision: number;
}

/** The whole fixture file. */
export interface SklearnFixtures {
  sklearn_version: string;
  seed: number;
  classification: ClassificationFixture[];
  probabilistic: ProbabilityFixture[];
  scores: ScoresFixture[];
}

/** Reads test/fixtures/sklearn-fixtures.json (made by make-sklearn-fixtures.py). */
export function loadSklearnFixtures(): SklearnFixtures {
  const path = fileURLToPath(new URL('./fixtures/sklearn-fixtures.json', import.meta.url));
  return JSON.parse(readFileSync(path, 'utf8')) as SklearnFixtures;
}
