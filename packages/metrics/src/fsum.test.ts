import fc from 'fast-check';
import { expect, test } from 'vitest';
import { exactSum } from './fsum.ts';

const sum = (xs: readonly number[]) => exactSum(xs.length, (i) => xs[i] as number);

test('sums are correctly rounded (as Python math.fsum)', () => {
  expect(sum(Array(10).fill(0.1))).toBe(1);
  expect(
    Array(10)
      .fill(0.1)
      .reduce((a, b) => a + b, 0),
  ).toBe(0.9999999999999999); // naive order-dependent sum
  expect(sum([1e16, 1, -1e16])).toBe(1);
  expect(sum([1e-16, 1, 1e16])).toBe(10000000000000002);
  expect(sum([])).toBe(0);
});

test('the result does not depend on the order of the values', () => {
  const values = fc.array(fc.double({ min: -1e300, max: 1e300, noNaN: true }), { maxLength: 40 });
  fc.assert(
    fc.property(
      values.chain((xs) =>
        fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length })),
      ),
      ([xs, permuted]) => {
        expect(sum(permuted)).toBe(sum(xs));
      },
    ),
  );
});
