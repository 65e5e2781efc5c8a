import { z } from 'zod';
import { AccumulatorState } from './accumulator-state.ts';
import { trueSums } from './confusion-matrix.ts';
import { MetricsError } from './errors.ts';
import { type ReadProbabilityOptions, readLabels, readProbabilities, tableClasses } from './validate.ts';

/**
 * The serialisable state of a `MetricsAccumulator` (plain JSON): what a worker sends back to be merged.
 * `counts` is the row-major confusion matrix; `probabilities` holds every sample's label and probabilities
 * when the batches carried them.
 */
export const accumulatorSnapshotSchema = z.object({
  format: z.literal('sentikit-metrics-accumulator'),
  version: z.literal(1),
  numClasses: z.number().int().min(2),
  counts: z.array(z.number().int().nonnegative()),
  probabilities: z
    .object({
      layout: z.enum(['positive', 'rows']),
      columns: z.number().int().min(1),
      labels: z.array(z.number().int().nonnegative()),
      values: z.array(z.number()),
    })
    .nullable(),
});

/** A `MetricsAccumulator` snapshot; see {@link accumulatorSnapshotSchema}. */
export type AccumulatorSnapshot = z.infer<typeof accumulatorSnapshotSchema>;

/** Plain-data copy of a state. */
export function toSnapshot(state: AccumulatorState): AccumulatorSnapshot {
  return {
    format: 'sentikit-metrics-accumulator',
    version: 1,
    numClasses: state.numClasses,
    counts: Array.from(state.counts.m),
    probabilities: state.layout
      ? { ...state.layout, labels: [...state.labels], values: [...state.values] }
      : null,
  };
}

function invalid(message: string, cause?: unknown): MetricsError {
  return new MetricsError('INVALID_SNAPSHOT', `invalid accumulator snapshot: ${message}`, { cause });
}

/** Validates a snapshot (shape, then consistency) and rebuilds the state. */
export function fromSnapshot(input: unknown, options: ReadProbabilityOptions): AccumulatorState {
  const parsed = accumulatorSnapshotSchema.safeParse(input);
  if (!parsed.success) throw invalid(z.prettifyError(parsed.error), parsed.error);
  const snap = parsed.data;
  const k = snap.numClasses;
  if (snap.counts.length !== k * k)
    throw invalid(`counts has ${snap.counts.length} entries, expected ${k * k}`);
  const state = new AccumulatorState(k);
  state.counts.m.set(snap.counts);
  state.count = snap.counts.reduce((a, b) => a + b, 0);
  if (state.count === 0) return state;
  const probs = snap.probabilities;
  if (probs === null) {
    state.layout = null;
    return state;
  }
  if (probs.labels.length !== state.count) {
    throw invalid(`probabilities.labels has ${probs.labels.length} entries but counts sum to ${state.count}`);
  }
  if (probs.values.length !== probs.labels.length * probs.columns) {
    throw invalid(`probabilities.values has ${probs.values.length} entries, expected labels × columns`);
  }
  try {
    const { labels } = readLabels(probs.labels, 'probabilities.labels', k);
    const perClass = new Array<number>(k).fill(0);
    for (const l of labels) perClass[l] = (perClass[l] as number) + 1;
    const rows = trueSums(state.counts);
    if (perClass.some((v, l) => v !== rows[l])) {
      throw invalid('probabilities.labels do not match the row sums of counts');
    }
    const table = readProbabilities(probs.values, probs.labels.length, 'probabilities.values', options);
    if (table.layout !== probs.layout || tableClasses(table) !== k) {
      throw invalid(`probabilities layout ${probs.layout} × ${probs.columns} does not fit numClasses ${k}`);
    }
  } catch (error) {
    if (error instanceof MetricsError && error.code !== 'INVALID_SNAPSHOT')
      throw invalid(error.message, error);
    throw error;
  }
  state.layout = { layout: probs.layout, columns: probs.columns };
  state.labels = [...probs.labels];
  state.values = [...probs.values];
  return state;
}
