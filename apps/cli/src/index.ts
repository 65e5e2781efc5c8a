export {
  type ConfigFile,
  loadConfigFile,
  type MergedOptions,
  mergeOptions,
  validateOptions,
} from './config-file.ts';
export { curvePanels, renderCurvesSvg } from './curves-svg.ts';
export {
  type DataSource,
  type DownloadImdbOptions,
  downloadImdb,
  imdbCandidates,
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
export { createDownloadProgress, formatBytes } from './download-progress.ts';
export { type CliEnv, cacheDir, cliEnvSchema, readEnv } from './env.ts';
export { type BestBy, bestEpoch, renderEpochTable } from './epoch-table.ts';
export { CliError, type CliErrorCode, exitCodeFor, isCliError } from './errors.ts';
export { extractAclImdb, isAclImdbRoot } from './extract-aclimdb.ts';
export { type CliIo, type CliStream, processIo } from './io.ts';
export { createLabelParser, type LabelMap, type LabelParser, parseLabelMap } from './labels.ts';
export {
  classCounts,
  type DataReadOptions,
  type LoadedPart,
  loadEvaluationData,
  loadTrainingData,
  type TrainingData,
} from './load-data.ts';
export {
  type BatchProgress,
  createProgressRenderer,
  formatDuration,
  formatProgressLine,
  type ProgressRenderer,
  type ProgressRendererOptions,
  type TextSink,
} from './progress.ts';
export {
  type DataFormat,
  dataFormats,
  detectFormat,
  loadRecords,
  type ReadRecordsOptions,
  type RecordStream,
  readRecords,
} from './read-records.ts';
export type { LabeledRecord, ReadSummary } from './records.ts';
export { renderReport, writeReport } from './report.ts';
export {
  type EpochMetrics,
  epochMetricsSchema,
  type ReportInput,
  reportInputSchema,
  type TestMetrics,
  testMetricsSchema,
} from './report-schema.ts';
export { type ExitCode, runCli } from './run-cli.ts';
export { type SplitOptions, stratifiedSplit } from './split.ts';
export {
  backends,
  presets,
  type TrainOptions,
  type TrainOptionsInput,
  trainOptionsSchema,
  trainPathKeys,
} from './train-options.ts';
