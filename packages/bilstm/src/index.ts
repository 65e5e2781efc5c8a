export {
  type BackendName,
  type BackendSelection,
  backendNameSchema,
  selectBackend,
} from './backend/select-backend.ts';
export { BilstmError, type BilstmErrorCode } from './errors.ts';
export {
  BiLstmEngine,
  type BiLstmGradients,
  type BiLstmShape,
  type DirectionTensors,
} from './fused/bilstm-engine.ts';
export {
  type BiLstmWeights,
  configureBiLstmEngine,
  type FusedBiLstmOptions,
  finalStates,
  fusedBiLstm,
  fusedBiLstmPooled,
  getBiLstmEngine,
  type LstmWeights,
} from './fused/fused-bilstm.ts';
export {
  FusedBiLSTM,
  type FusedBiLstmConfig,
  fusedBiLstmConfigSchema,
  lengthsFromMask,
} from './layers/fused-bilstm-layer.ts';
export { SeededDropout } from './layers/seeded-dropout.ts';
export {
  ARTIFACT_FILES,
  ARTIFACT_VERSION,
  type ArtifactManifest,
  loadSentimentModel,
  readManifest,
  type SaveOptions,
  saveModel,
} from './model/artifact.ts';
export {
  type ModelConfig,
  type ModelConfigInput,
  modelConfigSchema,
  type Pooling,
  type Preset,
  type PresetName,
  poolingSchema,
  presets,
  type TrainOptions,
  type TrainOptionsInput,
  trainOptionsSchema,
} from './model/config.ts';
export type { Dataset } from './model/dataset.ts';
export { type EvaluationMetrics, evaluateModel } from './model/evaluate.ts';
export {
  type Classification,
  type ClassifyOptions,
  type ModelInfo,
  SentimentModel,
} from './model/sentiment-model.ts';
export {
  type BatchEvent,
  type EpochRecord,
  type TrainCallbacks,
  type TrainResult,
  type TrainRunOptions,
  train,
} from './model/train.ts';
