import type { ReadSummary, ResolvedDataset, SkipReason } from '@sentikit/datasets';
import { classCounts, type LoadedPart, type TrainingData } from '@sentikit/datasets';
import { CliError } from '../errors.ts';
import { type CliStream, writeLine } from '../io.ts';

const reasonNames: Record<SkipReason, string> = {
  quoting: 'bad quote',
  columns: 'wrong column count',
  json: 'not a JSON object',
  text: 'missing or empty text',
  label: 'missing label',
  'unknown-label': 'unknown label',
};

/** `3 unknown label, 1 bad quote`: the skipped rows by reason, most first. */
export function describeSkipped(summary: ReadSummary): string {
  return Object.entries(summary.skippedBy)
    .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))
    .map(([reason, count]) => `${count} ${reasonNames[reason as SkipReason]}`)
    .join(', ');
}

const n = (x: number) => x.toLocaleString('en');

/**
 * Refuses a part with no usable row, in one line naming the file, what was skipped and why, and the fix.
 * @throws CliError `NO_ROWS`
 */
export function requireRows({ source, summary }: LoadedPart): void {
  if (summary.read > 0) return;
  const seen = summary.read + summary.skipped;
  if (seen === 0) {
    throw new CliError('NO_ROWS', `${source.path}: no data rows; give a file with rows (--data)`);
  }
  const fix = summary.skippedBy['unknown-label']
    ? 'map its labels to classes with --label-map, e.g. --label-map bad=0,good=1'
    : summary.skippedBy.text || summary.skippedBy.label
      ? 'name the columns with --text-column and --label-column'
      : 'fix the file';
  throw new CliError(
    'NO_ROWS',
    `${source.path}: no usable rows: all ${n(seen)} skipped (${describeSkipped(summary)}), e.g. ${summary.examples[0] ?? ''}; ${fix}`,
  );
}

/** `negative 12500  positive 12500` for a set of rows. */
export function describeCounts(records: readonly { label: number }[], classNames: readonly string[]): string {
  return classCounts(records, classNames.length)
    .map((count, i) => `${classNames[i]} ${count}`)
    .join('  ');
}

/** Prints where the data came from, the rows per split and class, and the bad rows skipped. */
export function printDataSummary(stream: CliStream, dataset: ResolvedDataset, data: TrainingData): void {
  const where = dataset.kind === 'splits' ? dataset.root : dataset.source.path;
  writeLine(stream, `dataset ${dataset.name}: ${where}`);
  const rows: [string, readonly { label: number }[]][] = [
    ['train', data.train],
    ['val', data.val],
  ];
  if (data.test) rows.push(['test', data.test]);
  for (const [split, records] of rows) {
    writeLine(
      stream,
      `  ${split.padEnd(5)} ${String(records.length).padStart(7)}  ${describeCounts(records, data.classNames)}`,
    );
  }
  const parts = [data.parts.train, data.parts.validation, data.parts.test].filter((p) => p !== undefined);
  printSkipped(stream, parts);
  if (data.parts.validation) writeLine(stream, `  validation from ${data.parts.validation.source.path}`);
}

/** Prints rows read, kept and skipped by reason, with examples, for each part that skipped rows. */
export function printSkipped(stream: CliStream, parts: readonly LoadedPart[]): void {
  for (const { source, summary } of parts) {
    if (summary.skipped === 0) continue;
    writeLine(
      stream,
      `${source.path}: read ${n(summary.read + summary.skipped)} rows, kept ${n(summary.read)}, skipped ${n(summary.skipped)} (${describeSkipped(summary)}), e.g.:`,
    );
    for (const example of summary.examples) writeLine(stream, `  ${example}`);
  }
}
