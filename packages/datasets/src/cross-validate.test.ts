import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { crossValidate } from './cross-validate.ts';
import { stratifiedFolds } from './split.ts';

describe('stratifiedFolds', () => {
  test('every fold holds each class within one row of its share, and the same seed gives the same folds', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 10, maxLength: 300 }),
        fc.integer({ min: 2, max: 10 }),
        fc.integer(),
        (labels, k, seed) => {
          const folds = stratifiedFolds(labels, k, seed);
          expect(folds).toEqual(stratifiedFolds(labels, k, seed));
          for (const c of new Set(labels)) {
            const perFold = new Array<number>(k).fill(0);
            labels.forEach((l, i) => {
              if (l === c) perFold[folds[i] as number] = (perFold[folds[i] as number] ?? 0) + 1;
            });
            expect(Math.max(...perFold) - Math.min(...perFold)).toBeLessThanOrEqual(1);
          }
          const sizes = new Array<number>(k).fill(0);
          for (const f of folds) sizes[f] = (sizes[f] ?? 0) + 1;
          expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  test('refuses fewer than 2 folds or more folds than rows', () => {
    expect(() => stratifiedFolds([0, 1, 0], 1)).toThrow(
      /folds must be an integer from 2 to the number of rows \(3\), got 1/,
    );
    expect(() => stratifiedFolds([0, 1, 0], 4)).toThrow(/got 4/);
  });
});

describe('crossValidate', () => {
  // A "model family" that learns which word means which class; generic over anything with predict().
  const words = ['bad', 'meh', 'good'];
  const texts = Array.from({ length: 90 }, (_, i) => `${words[i % 3]} thing ${i}`);
  const labels = texts.map((_, i) => i % 3);
  const data = { texts, labels };

  test('each text is predicted by the model that did not see it; scores get mean and std', async () => {
    const seen: { fold: number; train: number; validation: number }[] = [];
    let disposed = 0;
    const trainedOn: Set<string>[] = [];
    const cv = await crossValidate(data, {
      labels: words,
      folds: 5,
      seed: 7,
      train: async (split) => {
        seen.push({
          fold: split.fold,
          train: split.train.texts.length,
          validation: split.validation?.texts.length ?? 0,
        });
        trainedOn.push(new Set([...split.train.texts, ...(split.validation?.texts ?? [])]));
        const map = new Map<string, number>();
        for (const [i, t] of split.train.texts.entries())
          map.set(t.split(' ')[0] as string, split.train.labels[i] as number);
        return {
          predict: (ts) => ts.map((t) => map.get(t.split(' ')[0] as string) ?? 0),
          dispose: () => {
            disposed++;
          },
        };
      },
    });
    expect(seen.map((s) => s.fold)).toEqual([0, 1, 2, 3, 4]);
    expect(seen.every((s) => s.train + s.validation === 72 && s.validation > 0)).toBe(true);
    expect(disposed).toBe(5);
    expect(cv.folds).toHaveLength(5);
    expect(cv.summary.accuracy).toEqual({ mean: 1, std: 0 });
    expect(cv.summary.macroF1.mean).toBe(1);
    expect(Array.from(cv.predictions)).toEqual(labels);
    const folds = stratifiedFolds(labels, 5, 7);
    for (const [i, t] of texts.entries())
      for (const [f, set] of trainedOn.entries()) expect(set.has(t)).toBe(folds[i] !== f);
    expect(cv.models).toEqual([]);
  });

  test('a weaker model gives per-fold scores whose mean and sample std match them', async () => {
    const cv = await crossValidate(data, {
      labels: words,
      folds: 3,
      keepModels: true,
      train: async (split) => ({ predict: (ts) => ts.map((_, i) => (i + split.fold) % 3) }),
    });
    const acc = cv.folds.map((f) => f.scores.accuracy);
    const mean = acc.reduce((a, b) => a + b, 0) / 3;
    expect(cv.summary.accuracy.mean).toBeCloseTo(mean, 12);
    expect(cv.summary.accuracy.std).toBeCloseTo(
      Math.sqrt(acc.reduce((a, v) => a + (v - mean) ** 2, 0) / 2),
      12,
    );
    expect(cv.models).toHaveLength(3);
  });

  test('a classifier that answers the wrong number of predictions is refused', async () => {
    await expect(
      crossValidate(data, { labels: words, folds: 2, train: async () => ({ predict: () => [0] }) }),
    ).rejects.toThrow(/fold 0: the classifier returned 1 predictions for 45 texts/);
  });
});
