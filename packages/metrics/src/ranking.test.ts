import fc from 'fast-check';
import { expect, test } from 'vitest';
import { errorOf } from '../test/error-of.ts';
import type { MetricsWarning } from './errors.ts';
import { averagePrecisionScore, rocAucScore } from './ranking.ts';

test("scikit-learn's documentation example", () => {
  expect(rocAucScore([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBe(0.75);
  expect(averagePrecisionScore([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(5 / 6, 15);
});

test('tied scores form one threshold: a tie between a positive and a negative counts one half', () => {
  // pairs (pos 0.2, neg 0.2) → 1/2 and (pos 0.9, neg 0.2) → 1: AUC = 3/4
  expect(rocAucScore([0, 1, 1], [0.2, 0.2, 0.9])).toBe(0.75);
  // thresholds 0.9 (P 1, R 1/2) and 0.2 (P 2/3, R 1): AP = 1/2 · 1 + 1/2 · 2/3
  expect(averagePrecisionScore([0, 1, 1], [0.2, 0.2, 0.9])).toBeCloseTo(5 / 6, 15);
  expect(rocAucScore([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5])).toBe(0.5);
  expect(averagePrecisionScore([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5])).toBe(0.5);
});

test('any finite scores are accepted (logits, margins); n × 2 probability rows use column 1', () => {
  expect(rocAucScore([0, 1, 1, 0], [-3.5, 2, 7, 0])).toBe(1);
  const rows = [
    [0.9, 0.1],
    [0.4, 0.6],
    [0.65, 0.35],
    [0.2, 0.8],
  ];
  expect(rocAucScore([0, 1, 0, 1], rows)).toBe(rocAucScore([0, 1, 0, 1], [0.1, 0.6, 0.35, 0.8]));
  expect(rocAucScore([0, 1, 0, 1], rows.flat())).toBe(1);
});

test('ROC-AUC equals the pairwise (Mann–Whitney) definition exactly', () => {
  const sample = fc
    .array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 6 })), {
      minLength: 2,
      maxLength: 40,
    })
    .filter((xs) => xs.some(([y]) => y === 1) && xs.some(([y]) => y === 0));
  fc.assert(
    fc.property(sample, (xs) => {
      const y = xs.map(([l]) => l);
      const s = xs.map(([, v]) => v / 6);
      let wins = 0;
      let pairs = 0;
      for (let i = 0; i < xs.length; i++) {
        for (let j = 0; j < xs.length; j++) {
          if (y[i] !== 1 || y[j] !== 0) continue;
          pairs++;
          const si = s[i] as number;
          const sj = s[j] as number;
          wins += si > sj ? 1 : si === sj ? 0.5 : 0;
        }
      }
      expect(rocAucScore(y, s)).toBe(wins / pairs);
    }),
  );
});

test('ROC-AUC of one class is undefined (as sklearn), AP without positives is 0 with a warning', () => {
  const e = errorOf(() => rocAucScore([1, 1], [0.2, 0.3]));
  expect(e.code).toBe('UNDEFINED_METRIC');
  expect(e.message).toContain('only one class');
  const seen: MetricsWarning[] = [];
  expect(averagePrecisionScore([0, 0], [0.2, 0.3], { onWarning: (w) => seen.push(w) })).toBe(0);
  expect(seen.map((w) => w.metric)).toEqual(['average-precision']);
  expect(averagePrecisionScore([1, 1], [0.2, 0.3])).toBe(1);
});

test('bad input is a typed error with the index', () => {
  const nan = errorOf(() => rocAucScore([0, 1], [0.1, Number.NaN]));
  expect([nan.code, nan.index]).toEqual(['INVALID_SCORE', 1]);
  const label = errorOf(() => rocAucScore([0, 2], [0.1, 0.3]));
  expect([label.code, label.index]).toEqual(['LABEL_OUT_OF_RANGE', 1]);
  expect(errorOf(() => rocAucScore([0, 1], [0.1, 0.3, 0.2])).code).toBe('LENGTH_MISMATCH');
  expect(
    errorOf(() =>
      rocAucScore(
        [0, 1],
        [
          [0.2, 0.3, 0.5],
          [0.2, 0.3, 0.5],
        ],
      ),
    ).code,
  ).toBe('LENGTH_MISMATCH');
  expect(errorOf(() => rocAucScore([], [])).code).toBe('EMPTY_INPUT');
  const row = errorOf(() =>
    rocAucScore(
      [0, 1],
      [
        [0.5, 0.5],
        [0.5, 0.6],
      ],
    ),
  );
  expect([row.code, row.index]).toEqual(['INVALID_PROBABILITY', 1]);
});
