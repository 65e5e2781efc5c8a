import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { autoLimits, autoSettings, classBalance, percentile } from './auto-settings.ts';

const lengths = (n: number, f: (i: number) => number) => Int32Array.from({ length: n }, (_, i) => f(i));

describe('autoSettings', () => {
  test('IMDB-sized reviews: the usual settings, maxLength capped, F1 on balanced classes', () => {
    const auto = autoSettings({
      size: 22_500,
      lengths: lengths(22_500, (i) => 100 + (i % 900)),
      classCounts: [11_250, 11_250],
      hasValidation: true,
    });
    expect(auto.model).toEqual({ maxLength: 400 });
    expect(auto.training).toEqual({
      batchSize: 64,
      epochs: 4,
      warmupSteps: 50,
      earlyStopping: { metric: 'f1', patience: 2 },
    });
    expect(auto.choices.find((c) => c.setting === 'model.maxLength')?.reason).toMatch(/capped at 400/);
  });

  test('2,000 rows: small batches, more epochs, a short warm-up, more dropout', () => {
    const auto = autoSettings({
      size: 1_800,
      lengths: lengths(1_800, (i) => 50 + (i % 300)),
      classCounts: [900, 900],
      hasValidation: true,
    });
    expect(auto.training).toMatchObject({ batchSize: 32, epochs: 20, warmupSteps: 50 });
    expect(auto.training.earlyStopping).toEqual({ metric: 'f1', patience: 3 });
    expect(auto.model).toMatchObject({ dropout: 0.5, embeddingDropout: 0.3 });
  });

  test('short skewed three-class texts: short maxLength, macro F1, balanced class weights', () => {
    const auto = autoSettings({
      size: 41_000,
      lengths: lengths(41_000, (i) => 5 + (i % 31)),
      classCounts: [6_000, 19_000, 16_000],
      hasValidation: true,
    });
    expect(auto.model.maxLength).toBe(40);
    expect(auto.training).toMatchObject({
      classWeights: 'balanced',
      earlyStopping: { metric: 'macro-f1', patience: 2 },
    });
    expect(auto.choices.find((c) => c.setting === 'training.classWeights')?.reason).toMatch(/3\.2/);
  });

  test('explicit batch size and epochs: the warm-up and patience follow them (the issue: 2,000 rows, 1 epoch)', () => {
    const auto = autoSettings({
      size: 1_800,
      lengths: lengths(1_800, () => 200),
      classCounts: [900, 900],
      hasValidation: true,
      given: { epochs: 1 },
    });
    expect(auto.training).toMatchObject({ batchSize: 32, warmupSteps: 3, earlyStopping: { patience: 2 } });
    expect(auto.choices.find((c) => c.setting === 'training.warmupSteps')?.reason).toBe(
      '5% of the 57 steps, at most 50',
    );
  });

  test('no validation set: no early stopping', () => {
    const auto = autoSettings({
      size: 100,
      lengths: lengths(100, () => 3),
      classCounts: [50, 50],
      hasValidation: false,
    });
    expect(auto.training.earlyStopping).toBeUndefined();
    expect(auto.model.maxLength).toBe(autoLimits.minLength);
    expect(auto.training.warmupSteps).toBe(Math.round(4 * 20 * 0.05));
  });

  test('every choice is within bounds, has a reason, and the warm-up is shorter than the run', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 200_000 }),
        fc.array(fc.integer({ min: 0, max: 5_000 }), { minLength: 1, maxLength: 200 }),
        fc.array(fc.integer({ min: 1, max: 50_000 }), { minLength: 2, maxLength: 6 }),
        (size, ls, classCounts) => {
          const auto = autoSettings({ size, lengths: ls, classCounts, hasValidation: true });
          const { maxLength } = auto.model as { maxLength: number };
          const { batchSize, epochs, warmupSteps } = auto.training as Record<string, number>;
          expect(maxLength).toBeGreaterThanOrEqual(autoLimits.minLength);
          expect(maxLength).toBeLessThanOrEqual(autoLimits.maxLength);
          expect(epochs).toBeGreaterThanOrEqual(autoLimits.minEpochs);
          expect(epochs).toBeLessThanOrEqual(autoLimits.maxEpochs);
          expect(warmupSteps).toBeLessThan(Math.ceil(size / (batchSize as number)) * (epochs as number) + 1);
          for (const c of auto.choices) expect(c.reason.length).toBeGreaterThan(0);
        },
      ),
    );
  });
});

test('percentile is the nearest-rank value', () => {
  expect(percentile([5, 1, 4, 2, 3], 0.95)).toBe(5);
  expect(percentile([5, 1, 4, 2, 3], 0.4)).toBe(2);
  expect(percentile([], 0.5)).toBe(0);
});

test('classBalance: macro choices for more than two classes or skewed ones, else accuracy and log loss', () => {
  expect(classBalance([500, 500])).toEqual({
    ratio: 1,
    skewed: false,
    macro: false,
    reason: '',
    settingsMetric: 'accuracy',
    weightsMetric: 'logLoss',
  });
  expect(classBalance([900, 300])).toMatchObject({
    ratio: 3,
    skewed: true,
    macro: true,
    reason: 'skewed classes',
    settingsMetric: 'macroRecall',
    weightsMetric: 'balancedLogLoss',
  });
  // Three balanced classes still count every class the same; an empty class does not make the ratio infinite.
  expect(classBalance([100, 100, 100])).toMatchObject({ skewed: false, macro: true, reason: '3 classes' });
  expect(classBalance([100, 0, 100])).toMatchObject({ ratio: 1, weightsMetric: 'balancedLogLoss' });
});
