export {
  type BackendName,
  type BackendSelection,
  backendNameSchema,
  selectBackend,
} from './backend/select-backend.ts';
export { BiLstmError, type BiLstmErrorCode } from './errors.ts';
export {
  BiLstmEngine,
  type BiLstmEngineOptions,
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
export { dropoutClock } from './layers/dropout-seed.ts';
export {
  FusedBiLstm,
  type FusedBiLstmConfig,
  fusedBiLstmConfigSchema,
  lengthsFromMask,
} from './layers/fused-bilstm-layer.ts';
export { SeededDropout } from './layers/seeded-dropout.ts';
export { seededRandom } from './layers/seeded-init.ts';
