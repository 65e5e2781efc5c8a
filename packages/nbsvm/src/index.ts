export { type CsrMatrix, selectRows } from './csr.ts';
export { NbSvmError, type NbSvmErrorCode } from './errors.ts';
export { NgramFeaturizer, type RowView } from './featurizer.ts';
export { type L2SvmSettings, type LinearModel, trainL2Svm } from './linear-svm.ts';
export { NBSVM_FORMAT, NBSVM_FORMAT_VERSION, NbSvmFile } from './model-file.ts';
export { nbLogCountRatio } from './nb-ratio.ts';
export {
  NBSVM_FILES,
  type NbSvmClassification,
  NbSvmModel,
  type NbSvmTrainCallbacks,
  type NbSvmTrainingStats,
} from './nbsvm-model.ts';
export {
  FeatureOptions,
  type FeatureOptionsInput,
  NbSvmOptions,
  type NbSvmOptionsInput,
  TrainerOptions,
} from './options.ts';
export { fitPlatt, type PlattSigmoid, plattProbability } from './platt.ts';
export type { NbSvmSelection, SelectionTrial } from './select-settings.ts';
