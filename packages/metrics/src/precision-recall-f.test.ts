import { describe, expect, test } from 'vitest';
import { errorOf } from '../test/error-of.ts';
import type { MetricsWarning } from './errors.ts';
import { f1Score, fbetaScore, precision, precisionRecallFscore, recall } from './precision-recall-f.ts';

// tp 2 (i 1, 3), fp 2 (i 4, 5), fn 1 (i 2), tn 1 (i 0): P = 1/2, R = 2/3.
const T = [0, 1, 1, 1, 0, 0];
const P = [0, 1, 0, 1, 1, 1];

describe('binary (the default average, positive class 1)', () => {
  test('hand-worked precision, recall, F1, F2, F0.5', () => {
    expect(precision(T, P)).toBe(0.5);
    expect(recall(T, P)).toBeCloseTo(2 / 3, 15);
    expect(f1Score(T, P)).toBeCloseTo(4 / 7, 15); // 2PR / (P + R)
    expect(fbetaScore(T, P, 2)).toBeCloseTo(0.625, 15); // 5PR / (4P + R)
    expect(fbetaScore(T, P, 0.5)).toBeCloseTo(10 / 19, 15); // 1.25PR / (0.25P + R)
    const r = precisionRecallFscore(T, P);
    expect([r.precision, r.support, r.warnings]).toEqual([0.5, 3, []]);
  });

  test('posLabel 0 scores the other class', () => {
    // class 0: tp 1, fp 1, fn 2
    expect(precision(T, P, { posLabel: 0 })).toBe(0.5);
    expect(recall(T, P, { posLabel: 0 })).toBeCloseTo(1 / 3, 15);
  });

  test('beta = Infinity is recall and beta = 0 is precision', () => {
    expect(fbetaScore(T, P, Number.POSITIVE_INFINITY)).toBe(recall(T, P));
    expect(fbetaScore(T, P, 0)).toBe(precision(T, P));
  });

  test('more than two classes present is an error', () => {
    const e = errorOf(() => f1Score([0, 1, 2], [0, 1, 2]));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.message).toContain("average is 'binary'");
    expect(errorOf(() => f1Score([0, 2], [0, 2])).code).toBe('INVALID_OPTION'); // posLabel 1 absent
    expect(errorOf(() => f1Score(T, P, { labels: [1] })).code).toBe('INVALID_OPTION');
  });
});

describe('multi-class averages', () => {
  // class 0: tp 2 fp 1 fn 0; class 1: tp 1 fp 1 fn 1; class 2: tp 0 fp 0 fn 1 (never predicted)
  const t = [0, 0, 1, 1, 2];
  const p = [0, 0, 1, 0, 1];

  test('per class, macro, weighted, micro by hand', () => {
    const r = precisionRecallFscore(t, p, { average: null, zeroDivision: 0 });
    expect(r.labels).toEqual([0, 1, 2]);
    expect(r.precision).toEqual([2 / 3, 0.5, 0]);
    expect(r.recall).toEqual([1, 0.5, 0]);
    expect(r.support).toEqual([2, 2, 1]);
    expect(r.fScore[0]).toBeCloseTo(0.8, 15);
    expect(precision(t, p, { average: 'macro', zeroDivision: 0 })).toBeCloseTo((2 / 3 + 0.5) / 3, 15);
    expect(recall(t, p, { average: 'weighted', zeroDivision: 0 })).toBeCloseTo((2 * 1 + 2 * 0.5 + 0) / 5, 15);
    expect(precision(t, p, { average: 'micro' })).toBe(0.6); // = accuracy
    expect(f1Score(t, p, { average: 'micro' })).toBe(0.6);
  });

  test("zeroDivision 'warn' acts as 0 and reports the class through the callback and the result", () => {
    const seen: MetricsWarning[] = [];
    const r = precisionRecallFscore(t, p, { average: 'macro', onWarning: (w) => seen.push(w) });
    expect(r.precision).toBeCloseTo((2 / 3 + 0.5) / 3, 15);
    expect(r.warnings).toEqual(seen);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ code: 'UNDEFINED_METRIC', metric: 'precision', labels: [2] });
    expect(seen[0]?.message).toContain(
      'Precision is ill-defined and being set to 0.0 in labels with no predicted',
    );
  });

  test('zeroDivision 1 and 0 are silent', () => {
    const seen: MetricsWarning[] = [];
    const onWarning = (w: MetricsWarning) => seen.push(w);
    expect(precision(t, p, { average: null, zeroDivision: 1, onWarning })).toEqual([2 / 3, 0.5, 1]);
    expect(precision(t, p, { average: null, zeroDivision: 0, onWarning })).toEqual([2 / 3, 0.5, 0]);
    expect(seen).toEqual([]);
  });

  test("zeroDivision 'nan' gives NaN, and averages skip NaN entries", () => {
    expect(precision(t, p, { average: null, zeroDivision: 'nan' })).toEqual([2 / 3, 0.5, Number.NaN]);
    expect(precision(t, p, { average: 'macro', zeroDivision: 'nan' })).toBeCloseTo((2 / 3 + 0.5) / 2, 15);
    // weights 2, 2 (the NaN class's weight is dropped with it)
    expect(precision(t, p, { average: 'weighted', zeroDivision: 'nan' })).toBeCloseTo((2 / 3 + 0.5) / 2, 15);
    // F of a class that is true but never predicted is 0, not NaN: tp = 0 with fn > 0
    expect(f1Score(t, p, { average: null, zeroDivision: 'nan' })[2]).toBe(0);
    // a listed class that is neither true nor predicted has NaN everywhere
    const r = precisionRecallFscore(t, p, { average: null, zeroDivision: 'nan', labels: [3], numClasses: 4 });
    expect([r.precision, r.recall, r.fScore, r.support]).toEqual([
      [Number.NaN],
      [Number.NaN],
      [Number.NaN],
      [0],
    ]);
    expect(
      precision(t, p, { average: 'macro', zeroDivision: 'nan', labels: [2, 3], numClasses: 4 }),
    ).toBeNaN();
  });

  test('F is ill-defined only for a class neither true nor predicted', () => {
    const seen: MetricsWarning[] = [];
    f1Score(t, p, { average: null, onWarning: (w) => seen.push(w) });
    expect(seen).toEqual([]); // precision of class 2 is 0/0, but F-score is not
    f1Score(t, p, { average: null, labels: [0, 3], numClasses: 4, onWarning: (w) => seen.push(w) });
    expect(seen.map((w) => [w.metric, w.labels])).toEqual([['f-score', [3]]]);
    expect(f1Score(t, p, { average: null, labels: [3], numClasses: 4, zeroDivision: 1 })).toEqual([1]);
  });

  test('recall warns only from recall-bearing calls, per sklearn warn_for', () => {
    const seen: MetricsWarning[] = [];
    recall([0, 0, 1], [0, 2, 1], { average: null, labels: [2], onWarning: (w) => seen.push(w) });
    expect(seen.map((w) => w.metric)).toEqual(['recall']);
    expect(seen[0]?.message).toContain('due to no true samples');
  });

  test('labels choose and order the classes; absent ones get zero support', () => {
    const r = precisionRecallFscore(t, p, { average: null, labels: [2, 0], zeroDivision: 0 });
    expect(r.labels).toEqual([2, 0]);
    expect(r.support).toEqual([1, 2]);
    // micro over a subset: summed counts of classes 2 and 0 only (tp 2, predicted 3, true 3)
    expect(recall(t, p, { average: 'micro', labels: [2, 0] })).toBeCloseTo(2 / 3, 15);
  });

  test('weighted average over classes without support falls back to the plain mean', () => {
    expect(precision([0, 0], [1, 1], { average: 'weighted', labels: [1], zeroDivision: 0 })).toBe(0);
    expect(recall([0, 0], [1, 1], { average: 'weighted', labels: [1], zeroDivision: 1 })).toBe(1);
  });
});

test('bad options are typed errors', () => {
  expect(errorOf(() => fbetaScore(T, P, -1)).code).toBe('INVALID_OPTION');
  // @ts-expect-error an unsupported policy
  expect(errorOf(() => f1Score(T, P, { zeroDivision: 0.5 })).code).toBe('INVALID_OPTION');
  expect(errorOf(() => f1Score(T, P, { posLabel: 5 })).code).toBe('LABEL_OUT_OF_RANGE');
  expect(errorOf(() => f1Score(T, P, { average: 'macro', labels: [0, 9], numClasses: 3 })).code).toBe(
    'LABEL_OUT_OF_RANGE',
  );
  expect(errorOf(() => f1Score([0, 1], [1])).code).toBe('LENGTH_MISMATCH');
});
