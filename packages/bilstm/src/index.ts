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
  getBiLstmEngine,
  type LstmWeights,
} from './fused/fused-bilstm.ts';
export {
  FusedBiLSTM,
  type FusedBiLstmConfig,
  fusedBiLstmConfigSchema,
  lengthsFromMask,
} from './layers/fused-bilstm-layer.ts';
