import { expect, test } from 'vitest';
import { errorOf } from '../test/error-of.ts';
import { confusionMatrix } from './confusion-matrix.ts';

test('binary matrix is [[tn, fp], [fn, tp]]', () => {
  // tn: (0,0)×2, fp: (0,1)×1, fn: (1,0)×1, tp: (1,1)×3
  expect(confusionMatrix([0, 0, 0, 1, 1, 1, 1], [0, 0, 1, 0, 1, 1, 1])).toEqual([
    [2, 1],
    [1, 3],
  ]);
});

test('multi-class rows are true classes, columns predictions; numClasses adds empty classes', () => {
  const m = confusionMatrix([0, 1, 2, 2], [0, 2, 2, 1], { numClasses: 4 });
  expect(m).toEqual([
    [1, 0, 0, 0],
    [0, 0, 1, 0],
    [0, 1, 1, 0],
    [0, 0, 0, 0],
  ]);
});

test('all samples of one class still give a 2 × 2 matrix', () => {
  expect(confusionMatrix([0, 0], [0, 0])).toEqual([
    [2, 0],
    [0, 0],
  ]);
});

test('labels reorder and restrict, dropping samples outside them (as sklearn)', () => {
  expect(confusionMatrix([0, 1, 2, 2], [0, 2, 2, 1], { labels: [2, 1] })).toEqual([
    [1, 1],
    [1, 0],
  ]);
});

test('accepts typed arrays', () => {
  expect(confusionMatrix(Int32Array.from([1, 0]), Float32Array.from([1, 1]))).toEqual([
    [0, 1],
    [0, 1],
  ]);
});

test('bad input gets typed errors naming the problem and the index', () => {
  expect(errorOf(() => confusionMatrix([0, 1], [0])).code).toBe('LENGTH_MISMATCH');
  expect(errorOf(() => confusionMatrix([], [])).code).toBe('EMPTY_INPUT');
  const outOfRange = errorOf(() => confusionMatrix([0, 1, 2], [0, 1, 1], { numClasses: 2 }));
  expect(outOfRange.code).toBe('LABEL_OUT_OF_RANGE');
  expect(outOfRange.index).toBe(2);
  expect(outOfRange.message).toContain('yTrue[2] = 2 is outside [0, 2)');
  const negative = errorOf(() => confusionMatrix([0, 1], [0, -1]));
  expect([negative.code, negative.index]).toEqual(['LABEL_OUT_OF_RANGE', 1]);
  const fractional = errorOf(() => confusionMatrix([0, 0.5], [0, 1]));
  expect([fractional.code, fractional.index]).toEqual(['INVALID_LABEL', 1]);
  expect(errorOf(() => confusionMatrix([0, Number.NaN], [0, 1])).code).toBe('INVALID_LABEL');
  expect(errorOf(() => confusionMatrix([0], [0], { numClasses: 0 })).code).toBe('INVALID_OPTION');
  expect(errorOf(() => confusionMatrix([0], [0], { labels: [0, 0] })).code).toBe('INVALID_OPTION');
  expect(errorOf(() => confusionMatrix([0], [0], { labels: [] })).code).toBe('INVALID_OPTION');
  expect(errorOf(() => confusionMatrix([0], [0], { labels: [3], numClasses: 2 })).code).toBe(
    'LABEL_OUT_OF_RANGE',
  );
  const e = errorOf(() => confusionMatrix([0], [1, 1]));
  expect(e).toBeInstanceOf(Error);
  expect(e.name).toBe('MetricsError');
});
