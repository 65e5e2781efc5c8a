import { describe, expect, test } from 'vitest';
import { autoFamily } from './auto-family.ts';
import { autoLimits } from './auto-settings.ts';

describe('autoFamily', () => {
  test('small data with validation: the ensemble, with the count in the reason', () => {
    expect(autoFamily({ trainSize: 3054, hasValidation: true })).toEqual({
      family: 'ensemble',
      reason: '3,054 training texts (under 10,000): a BiLSTM and an NB-SVM, weights chosen on validation',
    });
  });

  test('the BiLSTM from the small-data limit up, without validation, and for the seed preset', () => {
    expect(autoFamily({ trainSize: autoLimits.smallData - 1, hasValidation: true }).family).toBe('ensemble');
    expect(autoFamily({ trainSize: autoLimits.smallData, hasValidation: true })).toEqual({
      family: 'bilstm',
      reason: '10,000 training texts (10,000 or more)',
    });
    expect(autoFamily({ trainSize: 500, hasValidation: false }).reason).toContain('no validation set');
    expect(autoFamily({ trainSize: 500, hasValidation: false }).family).toBe('bilstm');
    expect(autoFamily({ trainSize: 500, hasValidation: true, preset: 'seed' }).family).toBe('bilstm');
  });
});
