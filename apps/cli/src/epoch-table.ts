import type { EpochMetrics } from './report-schema.ts';

/** A validation metric to pick the best epoch by: the highest F1 or accuracy, or the lowest loss. */
export type BestBy = 'valF1' | 'valAccuracy' | 'valLoss';

/** The epoch number with the best `by` value (the first one on ties), or `undefined` for an empty history. */
export function bestEpoch(history: readonly EpochMetrics[], by: BestBy = 'valF1'): number | undefined {
  let best: EpochMetrics | undefined;
  for (const row of history) {
    if (!Number.isFinite(row[by])) continue;
    if (!best || (by === 'valLoss' ? row[by] < best[by] : row[by] > best[by])) best = row;
  }
  return best?.epoch;
}

/** Columns of the epoch table: header and how to show a row's value. */
export const epochColumns: readonly { header: string; value: (row: EpochMetrics) => string }[] = [
  { header: 'epoch', value: (r) => String(r.epoch) },
  { header: 'train loss', value: (r) => fixed(r.trainLoss) },
  { header: 'val loss', value: (r) => fixed(r.valLoss) },
  { header: 'accuracy', value: (r) => fixed(r.valAccuracy) },
  { header: 'precision', value: (r) => fixed(r.valPrecision) },
  { header: 'recall', value: (r) => fixed(r.valRecall) },
  { header: 'F1', value: (r) => fixed(r.valF1) },
  { header: 'time', value: (r) => `${r.seconds.toFixed(1)}s` },
];

const byLabel: Record<BestBy, string> = { valF1: 'val F1', valAccuracy: 'val accuracy', valLoss: 'val loss' };

/**
 * The per-epoch table as aligned text (values right-aligned, two spaces between columns), the best epoch
 * (by `by`, default val F1) marked with `*` and explained under the table. Ends without a newline.
 */
export function renderEpochTable(history: readonly EpochMetrics[], options: { by?: BestBy } = {}): string {
  const by = options.by ?? 'valF1';
  const best = bestEpoch(history, by);
  const rows = history.map((row) => epochColumns.map((c) => c.value(row)));
  const marks = history.map((row) => (row.epoch === best ? ' *' : '  '));
  const widths = epochColumns.map((c, i) =>
    Math.max(c.header.length, ...rows.map((r) => (r[i] as string).length)),
  );
  const line = (cells: readonly string[], mark: string) =>
    cells.map((cell, i) => cell.padStart(widths[i] as number) + (i === 0 ? mark : '')).join('  ');
  const out = [
    line(
      epochColumns.map((c) => c.header),
      '  ',
    ),
    ...rows.map((r, i) => line(r, marks[i] as string)),
  ];
  if (best !== undefined) out.push(`* best epoch by ${byLabel[by]}`);
  return out.map((l) => l.trimEnd()).join('\n');
}

function fixed(value: number): string {
  return Number.isFinite(value) ? value.toFixed(4) : String(value);
}
