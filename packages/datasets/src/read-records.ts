import { stat } from 'node:fs/promises';
import { DatasetError } from './errors.ts';
import { createLabelParser, inferLabels, type LabelMap, type LabelParser } from './labels.ts';
import { readAclImdb } from './read-aclimdb.ts';
import { readDelimited } from './read-delimited.ts';
import { readJsonl } from './read-jsonl.ts';
import {
  isLabeled,
  type LabeledRecord,
  type LabelMode,
  type ReadSummary,
  RowChecker,
  type TextRecord,
} from './records.ts';

/** The data formats the readers know. */
export const dataFormats = ['aclimdb', 'jsonl', 'csv', 'tsv'] as const;

/** A data format: an aclImdb split folder, JSON Lines, CSV or TSV. */
export type DataFormat = (typeof dataFormats)[number];

/**
 * The format of a dataset path: a directory is aclImdb; `.jsonl`, `.ndjson` (optionally `.gz`) are JSONL;
 * `.csv`, `.tsv` (optionally `.gz`) are CSV and TSV. An explicit `format` wins.
 * @throws DatasetError `DATA_NOT_FOUND` when the path does not exist, `UNSUPPORTED_FORMAT` when the name says nothing
 */
export async function detectFormat(path: string, format?: DataFormat): Promise<DataFormat> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new DatasetError('DATA_NOT_FOUND', `${path}: no such file or directory`);
  if (format) {
    if (format === 'aclimdb' && !info.isDirectory()) {
      throw new DatasetError('UNSUPPORTED_FORMAT', `${path}: the aclimdb format needs a directory`);
    }
    if (format !== 'aclimdb' && info.isDirectory()) {
      throw new DatasetError('UNSUPPORTED_FORMAT', `${path} is a directory, not a ${format} file`);
    }
    return format;
  }
  if (info.isDirectory()) return 'aclimdb';
  const name = path.toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.jsonl') || name.endsWith('.ndjson')) return 'jsonl';
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.tsv')) return 'tsv';
  throw new DatasetError(
    'UNSUPPORTED_FORMAT',
    `${path}: cannot tell the format from the name; use .jsonl, .jsonl.gz, .ndjson, .csv or .tsv, or pass --format ${dataFormats.join('|')}`,
  );
}

/** Options of {@link readRecords}. */
export interface ReadRecordsOptions {
  /** The format; detected from the path when absent (see {@link detectFormat}). */
  format?: DataFormat;
  /**
   * The JSONL field or CSV/TSV column with the text.
   * @default 'text'
   */
  textField?: string;
  /**
   * The JSONL field or CSV/TSV column with the label.
   * @default 'label'
   */
  labelField?: string;
  /** Label names to class indices; the default accepts 0/1, neg/pos, negative/positive. */
  labelMap?: LabelMap;
  /**
   * Without a label map, learn the classes from the data (`loadRecords` only; see `inferLabels` for the
   * order) instead of accepting only the default spellings.
   * @default false
   */
  inferLabels?: boolean;
  /**
   * Whether a bad row is fatal (`BAD_RECORD`) instead of counted and skipped.
   * @default false
   */
  strict?: boolean;
  /**
   * How many bad rows the summary keeps as examples.
   * @default 5
   */
  maxExamples?: number;
  /** Called for every skipped bad row with `file:line: problem`. */
  onSkip?: (problem: string) => void;
  /**
   * Files read at once from an aclImdb folder.
   * @default 16
   */
  concurrency?: number;
}

/** A stream of texts with a summary that is complete once the stream has been read to its end. */
export interface TextStream<R extends TextRecord = TextRecord> extends AsyncIterable<R> {
  /** Counts of read and skipped rows, with examples of bad rows. */
  readonly summary: ReadSummary;
  /** Class names by index. */
  readonly classNames: readonly string[];
}

/** A stream of labelled records; see {@link readRecords}. */
export type RecordStream = TextStream<LabeledRecord>;

function openStream(
  path: string,
  options: ReadRecordsOptions,
  labelMode: LabelMode,
  labels: LabelParser = createLabelParser(options.labelMap),
): TextStream {
  const checker = new RowChecker({
    labels,
    strict: options.strict ?? false,
    maxExamples: options.maxExamples ?? 5,
    labelMode,
    ...(options.onSkip ? { onSkip: options.onSkip } : {}),
  });
  const fields = { textField: options.textField ?? 'text', labelField: options.labelField ?? 'label' };
  async function* records(): AsyncGenerator<TextRecord> {
    const format = await detectFormat(path, options.format);
    switch (format) {
      case 'aclimdb':
        yield* readAclImdb(path, checker, { concurrency: options.concurrency ?? 16 });
        break;
      case 'jsonl':
        yield* readJsonl(path, checker, fields);
        break;
      case 'csv':
      case 'tsv':
        yield* readDelimited(path, format, checker, {
          textColumn: fields.textField,
          labelColumn: fields.labelField,
          requireLabelColumn: labelMode === 'required',
        });
        break;
    }
  }
  return {
    summary: checker.summary,
    classNames: labels.classNames,
    [Symbol.asyncIterator]: () => records(),
  };
}

/**
 * Streams the labelled records of a dataset file or aclImdb split folder. Bad rows are counted and skipped (or
 * fatal under `strict`); see {@link RecordStream.summary}. Iterate it once.
 * @example
 * const stream = readRecords('reviews.csv', { textField: 'review', labelField: 'sentiment' });
 * for await (const { text, label, source } of stream) console.log(source, label, text.length);
 * console.log(stream.summary); // { read, skipped, examples }
 */
export function readRecords(path: string, options: ReadRecordsOptions = {}): RecordStream {
  return labeledStream(path, options);
}

function labeledStream(path: string, options: ReadRecordsOptions, labels?: LabelParser): RecordStream {
  const stream = openStream(path, options, 'required', labels);
  async function* labeled(): AsyncGenerator<LabeledRecord> {
    // Every record has its label here: a row without one was reported as bad.
    for await (const record of stream) if (isLabeled(record)) yield record;
  }
  return {
    summary: stream.summary,
    classNames: stream.classNames,
    [Symbol.asyncIterator]: () => labeled(),
  };
}

/**
 * Streams the texts of a dataset in any format {@link readRecords} reads, labels optional: rows without a label
 * (or a CSV/TSV without the label column) are read unlabelled, for scoring. Holds one chunk of the file at a
 * time, so any size streams in constant memory. Iterate it once.
 * @example
 * for await (const { text, source } of readTexts('corpus.jsonl.gz')) console.log(source, text.length);
 */
export function readTexts(path: string, options: ReadTextsOptions = {}): TextStream {
  return openStream(path, options, options.labels ?? 'optional');
}

/** Options of {@link readTexts}. */
export interface ReadTextsOptions extends ReadRecordsOptions {
  /**
   * `optional`: labels are read where rows have them (and must then be valid). `ignored`: labels are not read,
   * so a corpus with labels the label map does not know loses no rows.
   * @default 'optional'
   */
  labels?: 'optional' | 'ignored';
}

/** Reads a whole dataset into memory; see {@link readRecords}. */
export async function loadRecords(
  path: string,
  options: ReadRecordsOptions = {},
): Promise<{ records: LabeledRecord[]; summary: ReadSummary; classNames: readonly string[] }> {
  const inference = options.inferLabels && !options.labelMap ? inferLabels() : undefined;
  const stream = labeledStream(path, options, inference?.parser);
  const records: LabeledRecord[] = [];
  for await (const record of stream) records.push(record);
  if (!inference) return { records, summary: stream.summary, classNames: stream.classNames };
  // aclImdb folders yield 0/1 without asking the parser: no labels seen means negative/positive.
  const { classNames, remap } = inference.finish();
  if (remap.length > 0) for (const r of records) r.label = remap[r.label] as number;
  return { records, summary: stream.summary, classNames };
}
