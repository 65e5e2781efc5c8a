export {
  ARTIFACT_FILES,
  ARTIFACT_VERSION,
  type ArtifactManifest,
  loadSentimentModel,
  readManifest,
  type SaveOptions,
  saveSentimentModel,
} from './artifact.ts';
export { type AutoFamily, type AutoFamilyInput, autoFamily } from './auto-family.ts';
export {
  type AutoChoice,
  type AutoSettings,
  autoLimits,
  autoSettings,
  type ClassBalance,
  classBalance,
  percentile,
  type TrainingStats,
} from './auto-settings.ts';
export {
  classificationsOf,
  MODEL_FAMILIES,
  type ModelFamily,
  type TextClassifier,
} from './classifier.ts';
export { loadClassifier, saveClassifier } from './classifier-artifact.ts';
export {
  type ModelConfig,
  type ModelConfigInput,
  modelConfigSchema,
  type Pooling,
  type Preset,
  type PresetName,
  poolingSchema,
  presets,
  type TrainingConfig,
  type TrainingConfigInput,
  trainingConfigSchema,
} from './config.ts';
export { countClasses, type Dataset } from './dataset.ts';
export {
  type ChooseWeightsOptions,
  chooseEnsembleWeights,
  EnsembleClassifier,
  type EnsembleMetric,
} from './ensemble.ts';
export {
  type EnsembleFoldModel,
  type EnsembleFoldOptions,
  ensembleFoldTrainer,
} from './ensemble-fold-trainer.ts';
export { SentimentError, type SentimentErrorCode } from './errors.ts';
export {
  type AveragedPrf,
  type ClassPrf,
  classScores,
  type EvaluationMetrics,
  evaluateClassifier,
  evaluateModel,
} from './evaluate.ts';
export { type SentimentFoldModel, sentimentFoldTrainer } from './fold-trainer.ts';
export { NbSvmClassifier } from './nbsvm-classifier.ts';
export {
  buildEnsemble,
  type EnsembleOptions,
  type NbSvmPipelineOptions,
  type NbSvmPipelineResult,
  trainNbSvmClassifier,
} from './nbsvm-pipeline.ts';
export {
  type EmbeddingsCoverage,
  type PipelineLogger,
  type TrainPipelineOptions,
  type TrainPipelineResult,
  trainSentimentModel,
} from './pipeline.ts';
export {
  type Classification,
  type ClassifyOptions,
  type ModelInfo,
  SentimentModel,
} from './sentiment-model.ts';
export {
  type BatchEvent,
  type EpochRecord,
  type EpochValidation,
  type TrainCallbacks,
  type TrainResult,
  type TrainRunOptions,
  train,
} from './train.ts';
