import { expect, test } from 'vitest';
import { errorOf } from '../test/error-of.ts';
import { brierScore, LOG_LOSS_EPS, logLoss } from './probabilistic.ts';

test('binary log loss by hand, from positive-class probabilities, rows and typed arrays', () => {
  const expected = (-Math.log(0.8) - Math.log(0.7)) / 2;
  expect(logLoss([0, 1], [0.2, 0.7])).toBeCloseTo(expected, 15);
  expect(logLoss([0, 1], Float32Array.from([0.25, 0.75]))).toBeCloseTo(-Math.log(0.75), 15);
  expect(
    logLoss(
      [0, 1],
      [
        [0.8, 0.2],
        [0.3, 0.7],
      ],
    ),
  ).toBeCloseTo(expected, 15);
});

test('multi-class log loss takes −ln p(true class) per row', () => {
  const rows = [
    [0.7, 0.2, 0.1],
    [0.1, 0.1, 0.8],
  ];
  const expected = (-Math.log(0.7) - Math.log(0.8)) / 2;
  expect(logLoss([0, 2], rows)).toBeCloseTo(expected, 15);
  expect(logLoss([0, 2], rows.flat())).toBeCloseTo(expected, 15); // row-major flat
});

test('probabilities are clipped to [eps, 1 − eps]: a certain mistake costs −ln eps', () => {
  expect(LOG_LOSS_EPS).toBe(Number.EPSILON);
  expect(logLoss([1], [0])).toBeCloseTo(-Math.log(Number.EPSILON), 12);
  expect(logLoss([1], [0], { eps: 1e-7 })).toBeCloseTo(-Math.log(1e-7), 12);
  expect(logLoss([0], [0])).toBeCloseTo(0, 15);
  expect(
    Number.isFinite(
      logLoss(
        [0, 1],
        [
          [0, 1],
          [1, 0],
        ],
      ),
    ),
  ).toBe(true);
});

test('Brier score is the mean squared error of the positive-class probability', () => {
  expect(brierScore([0, 1], [0.2, 0.7])).toBeCloseTo(0.065, 15);
  expect(
    brierScore(
      [0, 1],
      [
        [0.8, 0.2],
        [0.3, 0.7],
      ],
    ),
  ).toBeCloseTo(0.065, 15);
  expect(brierScore([1, 1, 0], [1, 1, 0])).toBe(0);
});

test('invalid probabilities are typed errors naming the sample', () => {
  const big = errorOf(() => logLoss([0, 1], [0.2, 1.2]));
  expect([big.code, big.index]).toEqual(['INVALID_PROBABILITY', 1]);
  expect(big.message).toContain('yProb[1] = 1.2');
  expect(errorOf(() => logLoss([0, 1], [0.2, Number.NaN])).code).toBe('INVALID_PROBABILITY');
  expect(errorOf(() => logLoss([0, 1], [-0.1, 0.5])).code).toBe('INVALID_PROBABILITY');
  const sum = errorOf(() =>
    logLoss(
      [0, 1],
      [
        [0.5, 0.5],
        [0.5, 0.4],
      ],
    ),
  );
  expect([sum.code, sum.index]).toEqual(['INVALID_PROBABILITY', 1]);
  expect(sum.message).toContain('sums to 0.9');
  // float32 softmax rounding passes the default tolerance, a stricter one rejects it
  expect(logLoss([0], [[0.5, 0.499999]])).toBeGreaterThan(0);
  expect(errorOf(() => logLoss([0], [[0.5, 0.499999]], { rowSumTolerance: 1e-9 })).code).toBe(
    'INVALID_PROBABILITY',
  );
  expect(errorOf(() => logLoss([0, 1], [0.2, 0.3, 0.5])).code).toBe('LENGTH_MISMATCH');
  expect(
    errorOf(() =>
      logLoss(
        [0, 1],
        [
          [0.5, 0.5],
          [0.2, 0.3, 0.5],
        ],
      ),
    ).code,
  ).toBe('LENGTH_MISMATCH');
  const label = errorOf(() =>
    logLoss(
      [0, 3],
      [
        [0.2, 0.3, 0.5],
        [0.2, 0.3, 0.5],
      ],
    ),
  );
  expect([label.code, label.index]).toEqual(['LABEL_OUT_OF_RANGE', 1]);
  expect(errorOf(() => logLoss([0], [0.5], { eps: 0 })).code).toBe('INVALID_OPTION');
  expect(
    errorOf(() =>
      brierScore(
        [0, 1],
        [
          [0.2, 0.3, 0.5],
          [0.2, 0.3, 0.5],
        ],
      ),
    ).code,
  ).toBe('LENGTH_MISMATCH');
  expect(errorOf(() => brierScore([], [])).code).toBe('EMPTY_INPUT');
});
