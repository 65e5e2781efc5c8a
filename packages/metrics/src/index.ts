export {
  type AccumulatorOptions,
  type ComputeOptions,
  MetricsAccumulator,
  type MetricsSummary,
  type ScoreOf,
  type ScoreOptions,
} from './accumulator.ts';
export type { AccumulatorBatch } from './accumulator-state.ts';
export { accuracy, matthewsCorrcoef } from './accuracy-mcc.ts';
export {
  type CalibrationBin,
  type CalibrationOptions,
  calibrationBins,
  expectedCalibrationError,
} from './calibration.ts';
export { type ConfusionMatrixOptions, confusionMatrix, type LabelOptions } from './confusion-matrix.ts';
export {
  MetricsError,
  type MetricsErrorCode,
  type MetricsErrorOptions,
  type MetricsWarning,
  type WarningHandler,
} from './errors.ts';
export {
  type FscoreOptions,
  f1Score,
  fbetaScore,
  type PrecisionRecallOptions,
  precision,
  precisionRecallFscore,
  recall,
} from './precision-recall-f.ts';
export { predictClasses } from './predictions.ts';
export type { AveragedScores, ClassScores } from './prf-core.ts';
export { brierScore, LOG_LOSS_EPS, type LogLossOptions, logLoss } from './probabilistic.ts';
export {
  type AveragePrecisionOptions,
  averagePrecisionScore,
  type RocAucOptions,
  rocAucScore,
} from './ranking.ts';
export {
  type ClassificationReportDict,
  type ClassificationReportOptions,
  classificationReport,
  classificationReportDict,
  type ReportRow,
} from './report.ts';
export { type AccumulatorSnapshot, accumulatorSnapshotSchema } from './snapshot.ts';
export type {
  Average,
  NumericArray,
  ProbabilityInput,
  ProbabilityRow,
  ZeroDivision,
} from './types.ts';
export { DEFAULT_ROW_SUM_TOLERANCE, type ReadProbabilityOptions } from './validate.ts';
