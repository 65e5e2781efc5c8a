import type { DataSource, ResolvedDataset } from './dataset.ts';
import { type LabelMap, labelMapFor } from './labels.ts';
import { loadRecords } from './read-records.ts';
import type { LabeledRecord, ReadSummary } from './records.ts';
import { stratifiedSplit } from './split.ts';

/** How to read the records of a dataset. */
export interface DataReadOptions {
  /** JSONL field or CSV/TSV column with the text. @default 'text' */
  textColumn?: string;
  /** JSONL field or CSV/TSV column with the label. @default 'label' */
  labelColumn?: string;
  /** Label names to class indices. @default 0/1, neg/pos, negative/positive */
  labelMap?: LabelMap;
  /**
   * Without a label map, learn the classes from the training labels (see `inferLabels` for their order);
   * the test split is then read with the classes found in training.
   * @default false
   */
  inferLabels?: boolean;
  /** A bad row is fatal instead of skipped. @default false */
  strict?: boolean;
  /** Called for every skipped bad row (`file:line: problem`). */
  onSkip?: (problem: string) => void;
}

/** Records read from one source, with the reader's summary. */
export interface LoadedPart {
  /** Where they came from. */
  source: DataSource;
  /** Read/skipped counts and bad-row examples. */
  summary: ReadSummary;
}

/** The data a training run needs, in memory. */
export interface TrainingData {
  /** Class names by index. */
  classNames: readonly string[];
  /** Training rows (the train source, minus the validation share when there is no validation file). */
  train: LabeledRecord[];
  /** Validation rows: the dataset's validation file, else a stratified, seeded share of the train source. */
  val: LabeledRecord[];
  /** Test rows, when the dataset has a test split. */
  test: LabeledRecord[] | undefined;
  /** What was read from each source. */
  parts: { train: LoadedPart; validation?: LoadedPart; test?: LoadedPart };
}

function readOptions(source: DataSource, options: DataReadOptions) {
  return {
    format: source.format,
    ...(options.textColumn ? { textField: options.textColumn } : {}),
    ...(options.labelColumn ? { labelField: options.labelColumn } : {}),
    ...(options.labelMap ? { labelMap: options.labelMap } : {}),
    ...(options.inferLabels ? { inferLabels: true } : {}),
    ...(options.strict !== undefined ? { strict: options.strict } : {}),
    ...(options.onSkip ? { onSkip: options.onSkip } : {}),
  };
}

/**
 * Loads a dataset for training: with a validation file, train and validation are read as they are; else the
 * train source (or the single source) is split into train and validation with {@link stratifiedSplit}. The test
 * split is loaded too when there is one. Validation and test rows are read with the training classes.
 */
export async function loadTrainingData(
  dataset: ResolvedDataset,
  options: DataReadOptions & { valFraction?: number; seed?: number },
): Promise<TrainingData> {
  const trainSource = dataset.kind === 'splits' ? dataset.train : dataset.source;
  const read = await loadRecords(trainSource.path, readOptions(trainSource, options));
  const sameClasses = options.labelMap ? options : { ...options, labelMap: labelMapFor(read.classNames) };
  const validationSource = dataset.kind === 'splits' ? dataset.validation : undefined;
  const data: TrainingData = {
    classNames: read.classNames,
    train: read.records,
    val: [],
    test: undefined,
    parts: { train: { source: trainSource, summary: read.summary } },
  };
  if (validationSource) {
    const validation = await loadRecords(validationSource.path, readOptions(validationSource, sameClasses));
    data.val = validation.records;
    data.parts.validation = { source: validationSource, summary: validation.summary };
  } else {
    const { train, val } = stratifiedSplit(read.records, {
      valFraction: options.valFraction ?? 0.1,
      seed: options.seed ?? 42,
    });
    data.train = train;
    data.val = val;
  }
  if (dataset.kind === 'splits') {
    const test = await loadRecords(dataset.test.path, readOptions(dataset.test, sameClasses));
    data.test = test.records;
    data.parts.test = { source: dataset.test, summary: test.summary };
  }
  return data;
}

/** Loads the rows to evaluate on: the test split, or the whole single source. */
export async function loadEvaluationData(
  dataset: ResolvedDataset,
  options: DataReadOptions,
): Promise<{ classNames: readonly string[]; records: LabeledRecord[]; part: LoadedPart }> {
  const source = dataset.kind === 'splits' ? dataset.test : dataset.source;
  const read = await loadRecords(source.path, readOptions(source, options));
  return { classNames: read.classNames, records: read.records, part: { source, summary: read.summary } };
}

/** Counts of rows per class index: `counts[label]`. */
export function classCounts(records: readonly { label: number }[], classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (const r of records) counts[r.label] = (counts[r.label] ?? 0) + 1;
  return counts;
}
