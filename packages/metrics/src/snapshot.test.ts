import { expect, test } from 'vitest';
import { errorOf } from '../test/error-of.ts';
import { MetricsAccumulator } from './accumulator.ts';
import { accumulatorSnapshotSchema } from './snapshot.ts';

function filled(): MetricsAccumulator {
  return new MetricsAccumulator({ numClasses: 3 }).update({
    yTrue: [0, 2, 1],
    probabilities: [
      [0.7, 0.2, 0.1],
      [0.1, 0.3, 0.6],
      [0.5, 0.25, 0.25],
    ],
  });
}

test('a snapshot survives JSON (e.g. from a worker thread) and restores identical results', () => {
  const acc = filled();
  const json = JSON.parse(JSON.stringify(acc.toSnapshot())) as unknown;
  expect(accumulatorSnapshotSchema.safeParse(json).success).toBe(true);
  const restored = MetricsAccumulator.fromSnapshot(json);
  expect(restored.compute()).toEqual(acc.compute());
  expect(new MetricsAccumulator({ numClasses: 3 }).merge(restored).logLoss()).toBe(acc.logLoss());
});

test('snapshots without probabilities and empty snapshots restore too', () => {
  const counts = new MetricsAccumulator({ numClasses: 2 }).update({ yTrue: [0, 1], yPred: [1, 1] });
  expect(MetricsAccumulator.fromSnapshot(counts.toSnapshot()).confusionMatrix()).toEqual([
    [0, 1],
    [0, 1],
  ]);
  expect(MetricsAccumulator.fromSnapshot(new MetricsAccumulator({ numClasses: 2 }).toSnapshot()).count).toBe(
    0,
  );
});

test('malformed or inconsistent snapshots are INVALID_SNAPSHOT', () => {
  const good = filled().toSnapshot();
  const bad = (patch: Record<string, unknown>) =>
    errorOf(() => MetricsAccumulator.fromSnapshot({ ...good, ...patch }));
  expect(errorOf(() => MetricsAccumulator.fromSnapshot('nope')).code).toBe('INVALID_SNAPSHOT');
  expect(bad({ version: 2 }).code).toBe('INVALID_SNAPSHOT');
  expect(bad({ counts: [1, 2] }).code).toBe('INVALID_SNAPSHOT');
  expect(bad({ counts: good.counts.map((c) => -c) }).code).toBe('INVALID_SNAPSHOT');
  const probs = good.probabilities;
  if (!probs) throw new Error('expected probabilities');
  expect(bad({ probabilities: { ...probs, labels: [0, 2, 2] } }).message).toContain('row sums');
  expect(bad({ probabilities: { ...probs, values: probs.values.map(() => 2) } }).code).toBe(
    'INVALID_SNAPSHOT',
  );
  expect(bad({ probabilities: { ...probs, values: probs.values.slice(1) } }).code).toBe('INVALID_SNAPSHOT');
  expect(bad({ probabilities: { ...probs, layout: 'positive' } }).code).toBe('INVALID_SNAPSHOT');
});
