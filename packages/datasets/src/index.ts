export {
  type CrossValidateOptions,
  type CrossValidationResult,
  crossValidate,
  type FoldClassifier,
  type FoldResult,
  type FoldScores,
  type FoldSplit,
  type LabeledTexts,
  type MeanStd,
} from './cross-validate.ts';
export {
  type DataSource,
  type DownloadImdbOptions,
  downloadImdb,
  imdbMissingMessage,
  type ResolveDatasetOptions,
  type ResolvedDataset,
  resolveDataset,
} from './dataset.ts';
export {
  type DownloadOptions,
  type DownloadProgress,
  type DownloadResult,
  downloadFile,
  imdbArchive,
  sha256File,
} from './download.ts';
export { DatasetError, type DatasetErrorCode, isDatasetError } from './errors.ts';
export { extractAclImdb, isAclImdbRoot } from './extract-aclimdb.ts';
export {
  createLabelParser,
  inferLabels,
  type LabelInference,
  type LabelMap,
  type LabelParser,
  labelMapFor,
  parseLabelMap,
} from './labels.ts';
export {
  classCounts,
  type DataReadOptions,
  type LoadedPart,
  loadEvaluationData,
  loadTrainingData,
  type TrainingData,
} from './load-data.ts';
export {
  type DataFormat,
  dataFormats,
  detectFormat,
  loadRecords,
  type ReadRecordsOptions,
  type ReadTextsOptions,
  type RecordStream,
  readRecords,
  readTexts,
  type TextStream,
} from './read-records.ts';
export {
  isLabeled,
  type LabeledRecord,
  type ReadSummary,
  type SkipReason,
  type TextRecord,
} from './records.ts';
export { type SplitOptions, stratifiedFolds, stratifiedSplit } from './split.ts';
