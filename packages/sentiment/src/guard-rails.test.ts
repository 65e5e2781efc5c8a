import { describe, expect, test } from 'vitest';
import type { EvaluationMetrics } from './evaluate.ts';
import { guardRailsAfter, guardRailsBefore, stillImproving } from './guard-rails.ts';

const labels = ['negative', 'positive'];
const balanced = (n: number) => ({
  texts: Array.from({ length: n }, (_, i) => `t${i}`),
  labels: Array.from({ length: n }, (_, i) => i % 2),
});
const plan = { classCounts: [900, 900], labels, trainSize: 1800, batchSize: 64, epochs: 4, warmupSteps: 50 };

describe('guard rails before a run', () => {
  test('a sound plan gives no warning', () => {
    expect(guardRailsBefore({ ...plan, validation: balanced(200) })).toEqual([]);
  });

  test('warm-up longer than the run (the issue: 50 warm-up steps, 29 steps in all)', () => {
    const [w] = guardRailsBefore({ ...plan, epochs: 1, validation: balanced(200) });
    expect(w).toBe(
      'the warm-up (50 steps) is as long as the whole run (29 steps): the learning rate never reaches its peak; raise --epochs or lower the warm-up',
    );
  });

  test('a rare class, a tiny validation split, no validation at all', () => {
    expect(guardRailsBefore({ ...plan, classCounts: [900, 7], validation: balanced(200) })).toEqual([
      expect.stringMatching(/^class "positive" has only 7 training texts: .* add examples/),
    ]);
    expect(guardRailsBefore({ ...plan, validation: balanced(30) })).toEqual([
      expect.stringMatching(/validation set is tiny \(30 texts, 15 in its smallest class\).*--val-fraction/),
    ]);
    expect(guardRailsBefore({ ...plan, validation: undefined })).toEqual([
      expect.stringMatching(/^no validation set: .*--val-fraction/),
    ]);
  });
});

describe('guard rails after a run', () => {
  const val = balanced(100);
  const metrics = (predictions: number[], accuracy: number) =>
    ({ predictions: Int32Array.from(predictions), accuracy }) as EvaluationMetrics;

  test('predicting one class only says what to change', () => {
    expect(guardRailsAfter(metrics(new Array(100).fill(1), 0.5), val, labels)).toEqual([
      expect.stringMatching(/predicts one class only on validation \("positive"\).*--epochs/),
    ]);
  });

  test('no better than the majority class', () => {
    expect(guardRailsAfter(metrics([0, 1, ...new Array(98).fill(1)], 0.505), val, labels)).toEqual([
      expect.stringMatching(
        /validation accuracy 0\.5050 is no better than always answering "negative" \(0\.5000\)/,
      ),
    ]);
  });

  test('a useful model gives no warning', () => {
    expect(guardRailsAfter(metrics(val.labels, 1), val, labels)).toEqual([]);
  });
});

test('stillImproving: the issue case (1 epoch given, 20 suggested, epoch 1 kept) says to raise --epochs', () => {
  const run = { history: [{}], bestEpoch: 1, stoppedEarly: false };
  expect(stillImproving(run, 20)).toBe(
    'validation was still improving at the last epoch (1); the data suggested 20 epochs: raise --epochs (or leave it out)',
  );
  expect(stillImproving(run, 1)).toBeUndefined();
  expect(stillImproving(run, undefined)).toBeUndefined();
  expect(stillImproving({ history: [{}, {}], bestEpoch: 1, stoppedEarly: false }, 20)).toBeUndefined();
});
