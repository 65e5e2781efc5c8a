import { expect, test } from 'vitest';
import { fitPlatt, plattProbability } from './platt.ts';
import { mulberry32 } from './random.ts';

test('recovers the sigmoid that generated the labels', () => {
  const random = mulberry32(11);
  const n = 20_000;
  const scores = new Float64Array(n);
  const positive = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const s = random() * 8 - 4;
    scores[i] = s;
    positive[i] = random() < 1 / (1 + Math.exp(-2 * s + 0.5)) ? 1 : 0;
  }
  const fit = fitPlatt(scores, positive);
  expect(fit.a).toBeCloseTo(-2, 1);
  expect(fit.b).toBeCloseTo(0.5, 1);
  expect(plattProbability(fit, 0.25)).toBeCloseTo(0.5, 1);
});

test('probabilities stay finite and in [0, 1] for extreme scores', () => {
  const s = { a: -3, b: 0.1 };
  for (const score of [-1e6, -50, 0, 50, 1e6]) {
    const p = plattProbability(s, score);
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThanOrEqual(1);
  }
});
