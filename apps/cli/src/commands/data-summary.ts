import type { ResolvedDataset } from '@sentikit/datasets';
import { classCounts, type LoadedPart, type TrainingData } from '@sentikit/datasets';
import { type CliStream, writeLine } from '../io.ts';

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
  printSkipped(stream, [data.parts.train, ...(data.parts.test ? [data.parts.test] : [])]);
}

/** Prints the count and examples of skipped bad rows, if any. */
export function printSkipped(stream: CliStream, parts: readonly LoadedPart[]): void {
  for (const { source, summary } of parts) {
    if (summary.skipped === 0) continue;
    writeLine(
      stream,
      `skipped ${summary.skipped} bad row${summary.skipped === 1 ? '' : 's'} in ${source.path}, e.g.:`,
    );
    for (const example of summary.examples) writeLine(stream, `  ${example}`);
  }
}
