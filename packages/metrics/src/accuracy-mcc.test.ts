import { expect, test } from 'vitest';
import { errorOf } from '../test/error-of.ts';
import { accuracy, matthewsCorrcoef } from './accuracy-mcc.ts';

test('accuracy is the fraction of exact matches', () => {
  expect(accuracy([0, 1, 1, 0], [0, 1, 0, 0])).toBe(0.75);
  expect(accuracy([2, 1, 0], [2, 1, 0])).toBe(1);
  expect(accuracy(Int32Array.from([3]), Float64Array.from([1]))).toBe(0);
});

test('binary MCC equals (tp·tn − fp·fn) / sqrt((tp+fp)(tp+fn)(tn+fp)(tn+fn))', () => {
  // tp 2, fn 1, tn 2, fp 1 → (4 − 1) / sqrt(3·3·3·3) = 1/3
  expect(matthewsCorrcoef([1, 1, 1, 0, 0, 0], [1, 0, 1, 0, 0, 1])).toBeCloseTo(1 / 3, 15);
  expect(matthewsCorrcoef([1, 0, 1, 0], [0, 1, 0, 1])).toBe(-1);
  expect(matthewsCorrcoef([1, 0, 1, 0], [1, 0, 1, 0])).toBe(1);
});

test('multi-class MCC: perfect is 1, a constant prediction is 0 (undefined → 0 as sklearn)', () => {
  expect(matthewsCorrcoef([0, 1, 2, 2, 1], [0, 1, 2, 2, 1])).toBe(1);
  expect(matthewsCorrcoef([0, 1, 2, 2, 1], [1, 1, 1, 1, 1])).toBe(0);
  expect(matthewsCorrcoef([1, 1, 1], [0, 1, 2])).toBe(0);
});

test('multi-class MCC by hand (Gorodkin R_K)', () => {
  // C = [[1,1,0],[0,1,1],[1,0,1]]: s = 6, c = 3, t = p = [2,2,2]
  // (3·6 − 12) / sqrt((36 − 12)(36 − 12)) = 6 / 24 = 0.25
  expect(matthewsCorrcoef([0, 0, 1, 1, 2, 2], [0, 1, 1, 2, 2, 0])).toBe(0.25);
});

test('errors are typed', () => {
  expect(errorOf(() => accuracy([0, 1], [0, 1, 1])).code).toBe('LENGTH_MISMATCH');
  expect(errorOf(() => matthewsCorrcoef([], [])).code).toBe('EMPTY_INPUT');
});
