import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Dataset } from './dataset.ts';
import { SentimentError } from './errors.ts';

/** What makes a training run the same run: its data, seed, training options and model settings. */
export const checkpointRunSchema = z.object({
  /** SHA-256 of the training (and validation) texts and labels, in order. */
  data: z.string(),
  /** Texts in the training and validation sets. */
  rows: z.object({ train: z.number().int(), validation: z.number().int() }),
  /** The training options as validated (seed included). */
  options: z.record(z.string(), z.unknown()),
  /** The model's settings (vocabulary size, widths, labels, seed). */
  model: z.record(z.string(), z.unknown()),
});

/** The identity of a training run, kept in its checkpoint. */
export type CheckpointRun = z.infer<typeof checkpointRunSchema>;

function hashDataset(hash: ReturnType<typeof createHash>, set: Dataset | undefined): void {
  if (!set) return;
  for (let i = 0; i < set.texts.length; i++) hash.update(`${set.labels[i]}\t${set.texts[i]}\u0000`);
  hash.update('\u0001');
}

/** The run identity of training `train` (+ `validation`) with `options` on a model with `model` settings. */
export function describeRun(
  train: Dataset,
  validation: Dataset | undefined,
  options: Record<string, unknown>,
  model: Record<string, unknown>,
): CheckpointRun {
  const hash = createHash('sha256');
  hashDataset(hash, train);
  hashDataset(hash, validation);
  return {
    data: hash.digest('hex'),
    rows: { train: train.texts.length, validation: validation?.texts.length ?? 0 },
    // A JSON round trip: what is compared is what the checkpoint file can hold.
    options: JSON.parse(JSON.stringify(options)) as Record<string, unknown>,
    model: JSON.parse(JSON.stringify(model)) as Record<string, unknown>,
  };
}

const show = (v: unknown) => (v === undefined ? 'unset' : JSON.stringify(v));

/**
 * Refuses to continue a checkpoint of another run: names what differs (data, or each differing option) and
 * the fix, in one line.
 * @throws SentimentError `CHECKPOINT_MISMATCH`
 */
export function checkSameRun(dir: string, saved: CheckpointRun | undefined, now: CheckpointRun): void {
  const fix = `resume with the same data and options, or delete ${dir} to start over`;
  if (!saved) {
    throw new SentimentError(
      'CHECKPOINT_MISMATCH',
      `the checkpoint in ${dir} does not record which run made it (an older SentiKit); ${fix}`,
    );
  }
  const diffs: string[] = [];
  if (saved.data !== now.data) {
    const rows = `${saved.rows.train}+${saved.rows.validation} rows there, ${now.rows.train}+${now.rows.validation} now`;
    diffs.push(`the training data differs (${rows})`);
  }
  for (const [part, a, b] of [
    ['', saved.options, now.options],
    ['model ', saved.model, now.model],
  ] as const) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (JSON.stringify(a[key]) !== JSON.stringify(b[key]))
        diffs.push(`${part}${key} ${show(a[key])} there, ${show(b[key])} now`);
    }
  }
  if (diffs.length === 0) return;
  const shown = diffs.length > 4 ? [...diffs.slice(0, 4), `${diffs.length - 4} more`] : diffs;
  throw new SentimentError(
    'CHECKPOINT_MISMATCH',
    `the checkpoint in ${dir} is from another run: ${shown.join('; ')}; ${fix}`,
  );
}
