import { describe, expect, test } from 'vitest';
import { bestEpoch, renderEpochTable } from './epoch-table.ts';
import type { EpochMetrics } from './report-schema.ts';

const row = (epoch: number, valF1: number, valLoss: number): EpochMetrics => ({
  epoch,
  trainLoss: 0.7 / epoch,
  valLoss,
  valAccuracy: valF1 - 0.01,
  valPrecision: valF1 + 0.01,
  valRecall: valF1,
  valF1,
  seconds: 12.34 * epoch,
});
const history = [row(1, 0.8, 0.5), row(2, 0.86, 0.4), row(3, 0.85, 0.45), row(10, 0.84, 0.6)];

describe('epoch table', () => {
  test('picks the best epoch by F1, accuracy or loss, first on ties, ignoring NaN', () => {
    expect(bestEpoch(history)).toBe(2);
    expect(bestEpoch(history, 'valLoss')).toBe(2);
    expect(bestEpoch([row(1, 0.5, 1), row(2, 0.5, 1)])).toBe(1);
    expect(bestEpoch([row(1, Number.NaN, 1), row(2, 0.1, 1)])).toBe(2);
    expect(bestEpoch([])).toBeUndefined();
  });

  test('aligns every column and marks the best epoch', () => {
    const lines = renderEpochTable(history).split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toBe('epoch    train loss  val loss  accuracy  precision  recall      F1    time');
    expect(lines[2]).toBe('    2 *      0.3500    0.4000    0.8500     0.8700  0.8600  0.8600   24.7s');
    expect(lines[4]).toBe('   10        0.0700    0.6000    0.8300     0.8500  0.8400  0.8400  123.4s');
    expect(lines[5]).toBe('* best epoch by val F1');
    // every data row ends at the same column as the header
    for (const l of lines.slice(0, 5)) expect(l.length).toBe(lines[0]?.length);
  });

  test('an empty history is just the header', () => {
    expect(renderEpochTable([])).toBe('epoch    train loss  val loss  accuracy  precision  recall  F1  time');
  });
});
