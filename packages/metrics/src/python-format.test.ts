import { expect, test } from 'vitest';
import { formatFixed, rightAlign } from './python-format.ts';

// Expected strings are Python's format(x, '.{d}f') (checked with CPython 3.11).
const PYTHON: [number, number, string][] = [
  [0.125, 2, '0.12'],
  [0.375, 2, '0.38'],
  [0.625, 2, '0.62'],
  [0.875, 2, '0.88'],
  [0.5, 0, '0'],
  [1.5, 0, '2'],
  [2.5, 0, '2'],
  [0.15, 1, '0.1'],
  [0.25, 1, '0.2'],
  [0.35, 1, '0.3'],
  [-0.125, 2, '-0.12'],
  [-0, 2, '-0.00'],
  [0.0625, 3, '0.062'],
  [1 / 3, 2, '0.33'],
  [2 / 3, 4, '0.6667'],
  [1e-320, 2, '0.00'],
  [0.5, 2, '0.50'],
  [0.045, 2, '0.04'],
  [1, 0, '1'],
  [5e-324, 0, '0'],
  [0.9999999999999999, 2, '1.00'],
];

test.each(PYTHON)('formatFixed(%d, %d) is Python’s %s', (x, digits, expected) => {
  expect(formatFixed(x, digits)).toBe(expected);
});

test('exact ties round half to even where toFixed rounds away from zero', () => {
  expect((0.125).toFixed(2)).toBe('0.13');
  expect(formatFixed(0.125, 2)).toBe('0.12');
});

test('non-finite values print as Python does', () => {
  expect(formatFixed(Number.NaN, 2)).toBe('nan');
  expect(formatFixed(Number.POSITIVE_INFINITY, 2)).toBe('inf');
  expect(formatFixed(Number.NEGATIVE_INFINITY, 2)).toBe('-inf');
});

test('rightAlign pads on the left and never truncates', () => {
  expect(rightAlign('ab', 5)).toBe('   ab');
  expect(rightAlign('abcdef', 3)).toBe('abcdef');
});
