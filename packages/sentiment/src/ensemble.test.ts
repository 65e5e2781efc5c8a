import fc from 'fast-check';
import { expect, test } from 'vitest';
import { chooseEnsembleWeights } from './ensemble.ts';

test('finds the mix that beats both members', () => {
  // 4 texts, labels 1 1 0 0. A is sure and right on 0, 1, 2, wrong but unsure on 3; B is unsure and right on
  // 3, wrong but unsure on 0. The mix is right on all four.
  const a = Float32Array.of(0.1, 0.9, 0.1, 0.9, 0.9, 0.1, 0.45, 0.55);
  const b = Float32Array.of(0.6, 0.4, 0.4, 0.6, 0.6, 0.4, 0.8, 0.2);
  const best = chooseEnsembleWeights([a, b], [1, 1, 0, 0], 2, { step: 0.1, metric: 'accuracy' });
  expect(best.score).toBe(1);
  expect(best.weights[0]).toBeGreaterThan(0);
  expect(best.weights[1]).toBeGreaterThan(0);
  expect(chooseEnsembleWeights([a], [1, 1, 0, 0], 2).weights).toEqual([1]);
});

test('macro recall can prefer another mix than accuracy', () => {
  // 3 classes; the rare class 2 is only found by B
  const a = Float32Array.of(0.8, 0.1, 0.1, 0.1, 0.8, 0.1, 0.8, 0.1, 0.1, 0.1, 0.8, 0.1, 0.5, 0.4, 0.1);
  const b = Float32Array.of(0.3, 0.3, 0.4, 0.3, 0.3, 0.4, 0.4, 0.3, 0.3, 0.3, 0.4, 0.3, 0.1, 0.1, 0.8);
  const y = [0, 1, 0, 1, 2];
  const recall = chooseEnsembleWeights([a, b], y, 3, { step: 0.25, metric: 'macroRecall' });
  expect(recall.score).toBe(1);
});

test('log loss (the default) weighs by confidence; balanced log loss lets each class count the same', () => {
  // 4 texts of class 0, 1 of class 1. A is a little better on class 0, B much better on the rare class 1.
  const a = Float32Array.of(0.9, 0.1, 0.9, 0.1, 0.9, 0.1, 0.9, 0.1, 0.6, 0.4);
  const b = Float32Array.of(0.7, 0.3, 0.7, 0.3, 0.7, 0.3, 0.7, 0.3, 0.1, 0.9);
  const y = [0, 0, 0, 0, 1];
  const plain = chooseEnsembleWeights([a, b], y, 2, { step: 0.25 });
  const balanced = chooseEnsembleWeights([a, b], y, 2, { step: 0.25, metric: 'balancedLogLoss' });
  expect(balanced.weights[1]).toBeGreaterThan(plain.weights[1] as number);
  // Each returns its own loss as the score; the plain one has the lower mean log loss of the two mixes.
  expect(plain.score).toBeCloseTo(plain.logLoss, 12);
  expect(plain.logLoss).toBeLessThanOrEqual(balanced.logLoss);
  expect(balanced.score).toBeGreaterThan(0);
});

test('property: weights are on the grid, non-negative, and sum to 1', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 3 }),
      fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 1, maxLength: 12 }),
      (m, y) => {
        const members = Array.from({ length: m }, (_, j) =>
          Float32Array.from(
            y.flatMap((_, i) => {
              const p = ((i * 7 + j * 3) % 10) / 10;
              return [1 - p, p];
            }),
          ),
        );
        const { weights } = chooseEnsembleWeights(members, y, 2, { step: 0.25 });
        expect(weights).toHaveLength(m);
        expect(weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
        for (const w of weights) expect(Math.round(w * 4)).toBeCloseTo(w * 4, 12);
      },
    ),
    { numRuns: 40 },
  );
});
