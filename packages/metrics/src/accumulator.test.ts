import { expect, test } from 'vitest';
import { errorOf } from '../test/error-of.ts';
import { MetricsAccumulator } from './accumulator.ts';
import { logLoss } from './probabilistic.ts';
import { rocAucScore } from './ranking.ts';

test('a training-loop epoch: batches of labels and positive-class probabilities', () => {
  const acc = new MetricsAccumulator({ numClasses: 2 });
  acc.update({ yTrue: [0, 1, 1], probabilities: Float32Array.from([0.25, 0.75, 0.375]) });
  acc.update({ yTrue: [0, 1], probabilities: [0.125, 0.875] });
  const s = acc.compute();
  // predictions p > 0.5: [0, 1, 0, 0, 1] → tp 2, fn 1, tn 2
  expect(s.count).toBe(5);
  expect(s.confusionMatrix).toEqual([
    [2, 0],
    [1, 2],
  ]);
  expect(s.accuracy).toBe(0.8);
  expect([s.precision, s.recall]).toEqual([1, 2 / 3]);
  expect(s.fScore).toBeCloseTo(0.8, 15);
  expect(s.rocAuc).toBe(1);
  expect(s.logLoss).toBe(logLoss([0, 1, 1, 0, 1], [0.25, 0.75, 0.375, 0.125, 0.875]));
  expect(s.brierScore).not.toBeNull();
  expect(s.averagePrecision).toBe(1);
  expect(s.expectedCalibrationError).not.toBeNull();
  expect(s.warnings).toEqual([]);
});

test('with predictions only, probability metrics are null in compute() and errors when asked for', () => {
  const acc = new MetricsAccumulator({ numClasses: 3 }).update({ yTrue: [0, 1, 2], yPred: [0, 2, 2] });
  const s = acc.compute();
  expect([s.logLoss, s.rocAuc, s.brierScore, s.averagePrecision, s.expectedCalibrationError]).toEqual([
    null,
    null,
    null,
    null,
    null,
  ]);
  expect(s.precision).toBeCloseTo((1 + 0 + 0.5) / 3, 15); // macro by default for 3 classes
  expect(s.warnings.map((w) => [w.metric, w.labels])).toEqual([['precision', [1]]]);
  expect(errorOf(() => acc.logLoss()).code).toBe('EMPTY_INPUT');
  expect(acc.precision({ average: null, zeroDivision: 0 })).toEqual([1, 0, 0.5]);
  expect(acc.fScore({ average: 'micro' })).toBeCloseTo(2 / 3, 15);
});

test('an epoch with one class gives rocAuc null and a warning, while rocAucScore() throws as the one-shot', () => {
  const acc = new MetricsAccumulator({ numClasses: 2 }).update({ yTrue: [1, 1], probabilities: [0.6, 0.7] });
  const s = acc.compute();
  expect(s.rocAuc).toBeNull();
  expect(s.warnings.map((w) => w.metric)).toContain('roc-auc');
  expect(errorOf(() => acc.rocAucScore()).code).toBe(errorOf(() => rocAucScore([1, 1], [0.6, 0.7])).code);
});

test('yPred given with probabilities is used as is', () => {
  const acc = new MetricsAccumulator({ numClasses: 2 });
  acc.update({ yTrue: [0, 1], yPred: [1, 1], probabilities: [0.1, 0.9] });
  expect(acc.confusionMatrix()).toEqual([
    [0, 1],
    [0, 1],
  ]);
  expect(acc.rocAucScore()).toBe(1);
});

test('a rejected batch changes nothing; empty batches are no-ops', () => {
  const acc = new MetricsAccumulator({ numClasses: 2 }).update({ yTrue: [0, 1], probabilities: [0.2, 0.8] });
  const before = acc.toSnapshot();
  const bad = errorOf(() => acc.update({ yTrue: [0, 1, 1], probabilities: [0.2, 0.8, 1.5] }));
  expect([bad.code, bad.index]).toEqual(['INVALID_PROBABILITY', 2]);
  expect(errorOf(() => acc.update({ yTrue: [0, 3], probabilities: [0.2, 0.8] })).code).toBe(
    'LABEL_OUT_OF_RANGE',
  );
  acc.update({ yTrue: [], probabilities: [] });
  acc.update({ yTrue: [], yPred: [] });
  expect(acc.toSnapshot()).toEqual(before);
});

test('batches must agree on whether and how probabilities are given', () => {
  const acc = new MetricsAccumulator({ numClasses: 2 }).update({ yTrue: [0, 1], probabilities: [0.2, 0.8] });
  expect(errorOf(() => acc.update({ yTrue: [0], yPred: [0] })).code).toBe('INCOMPATIBLE_STATE');
  expect(errorOf(() => acc.update({ yTrue: [0], probabilities: [[0.8, 0.2]] })).code).toBe(
    'INCOMPATIBLE_STATE',
  );
  const three = errorOf(() => acc.update({ yTrue: [0], probabilities: [[0.7, 0.2, 0.1]] }));
  expect(three.code).toBe('INCOMPATIBLE_STATE');
  expect(errorOf(() => acc.update({ yTrue: [0] })).code).toBe('INVALID_OPTION');
  expect(errorOf(() => acc.update({ yTrue: [0, 1], yPred: [0] })).code).toBe('LENGTH_MISMATCH');
  const other = new MetricsAccumulator({ numClasses: 2 }).update({ yTrue: [0], yPred: [0] });
  expect(errorOf(() => acc.merge(other)).code).toBe('INCOMPATIBLE_STATE');
  expect(errorOf(() => acc.merge(new MetricsAccumulator({ numClasses: 3 }))).code).toBe('INCOMPATIBLE_STATE');
  expect(acc.merge(new MetricsAccumulator({ numClasses: 2 })).count).toBe(2);
});

test('merge leaves the other accumulator unchanged, and merging into itself doubles the data', () => {
  const a = new MetricsAccumulator({ numClasses: 2 }).update({ yTrue: [0, 1], probabilities: [0.3, 0.6] });
  const b = new MetricsAccumulator({ numClasses: 2 }).update({ yTrue: [1], probabilities: [0.9] });
  const bBefore = b.toSnapshot();
  a.merge(b);
  expect(b.toSnapshot()).toEqual(bBefore);
  expect(a.count).toBe(3);
  a.merge(a);
  expect(a.count).toBe(6);
  expect(a.logLoss()).toBe(logLoss([0, 1, 1, 0, 1, 1], [0.3, 0.6, 0.9, 0.3, 0.6, 0.9]));
});

test('an empty accumulator refuses to compute; numClasses must be >= 2', () => {
  const acc = new MetricsAccumulator({ numClasses: 2 });
  expect(errorOf(() => acc.compute()).code).toBe('EMPTY_INPUT');
  expect(errorOf(() => acc.accuracy()).code).toBe('EMPTY_INPUT');
  expect(errorOf(() => acc.rocAucScore()).code).toBe('EMPTY_INPUT');
  expect(errorOf(() => new MetricsAccumulator({ numClasses: 1 })).code).toBe('INVALID_OPTION');
});

test('classification report from an accumulator', () => {
  const acc = new MetricsAccumulator({ numClasses: 2 }).update({ yTrue: [0, 0, 1, 1], yPred: [0, 1, 0, 1] });
  expect(acc.classificationReport({ targetNames: ['neg', 'pos'] })).toContain('         neg       0.50');
  expect(acc.classificationReportDict().accuracy).toBe(0.5);
});
