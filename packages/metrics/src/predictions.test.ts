import { expect, test } from 'vitest';
import { errorOf } from '../test/error-of.ts';
import { predictClasses } from './predictions.ts';

test('binary: p > 0.5 predicts 1 (0.5 is a tie, resolved to class 0 as argmax)', () => {
  expect(Array.from(predictClasses([0.2, 0.7, 0.5, 0.5000001], 4))).toEqual([0, 1, 0, 1]);
});

test('rows: argmax, lowest class on ties; row-major flat input works too', () => {
  const rows = [
    [0.2, 0.5, 0.3],
    [0.4, 0.2, 0.4],
  ];
  expect(Array.from(predictClasses(rows, 2))).toEqual([1, 0]);
  expect(Array.from(predictClasses(rows.flat(), 2))).toEqual([1, 0]);
});

test('probabilities are validated', () => {
  expect(errorOf(() => predictClasses([0.2, 2], 2)).code).toBe('INVALID_PROBABILITY');
  expect(errorOf(() => predictClasses([], 0)).code).toBe('EMPTY_INPUT');
});
