import { expect, test } from 'vitest';
import { errorOf } from '../test/error-of.ts';
import { binEdges, calibrationBins, expectedCalibrationError } from './calibration.ts';

const Y = [1, 0, 1, 1];
const PROB = [0.9, 0.2, 0.8, 0.3];

test('positive-class ECE by hand: one sample per bin, mean |y − p|', () => {
  // bins (0.1,0.2], (0.2,0.3], (0.7,0.8], (0.8,0.9]: gaps 0.2, 0.7, 0.2, 0.1
  expect(expectedCalibrationError(Y, PROB, { confidence: 'positive' })).toBeCloseTo(0.3, 15);
});

test('max-probability ECE by hand (the default)', () => {
  // confidences 0.9 ✓, 0.8 ✓ (p = 0.2 predicts 0), 0.8 ✓, 0.7 ✗ (p = 0.3 predicts 0, y = 1)
  // bins: 0.9 → gap 0.1; two at 0.8 → gap 0.2; 0.7 → gap 0.7: (0.1 + 2·0.2 + 0.7) / 4
  expect(expectedCalibrationError(Y, PROB)).toBeCloseTo(0.3, 15);
  const bins = calibrationBins(Y, PROB);
  expect(bins).toHaveLength(10);
  expect(bins.map((b) => b.count)).toEqual([0, 0, 0, 0, 0, 0, 1, 2, 1, 0]);
  expect(bins[7]).toMatchObject({ count: 2, meanConfidence: 0.8, observed: 1 });
  expect(bins[0]?.meanConfidence).toBeNaN();
});

test('bins are (lower, upper] with edges as numpy linspace; 0 falls in the first bin', () => {
  expect(binEdges(10)[3]).toBe(0.30000000000000004);
  const bins = calibrationBins([0, 0, 0, 1], [0, 0.3, 0.30000000000000004, 1], { confidence: 'positive' });
  expect(bins[0]?.count).toBe(1);
  expect(bins[2]?.count).toBe(2); // 0.3 and 0.30000000000000004 are both ≤ the edge
  expect(bins[9]?.count).toBe(1);
});

test('multi-class rows use the max probability; nBins is configurable', () => {
  const rows = [
    [0.6, 0.3, 0.1],
    [0.2, 0.2, 0.6],
  ];
  // confidences 0.6 (correct) and 0.6 (wrong) share a bin: |0.5 − 0.6|
  expect(expectedCalibrationError([0, 1], rows, { nBins: 5 })).toBeCloseTo(0.1, 15);
  expect(calibrationBins([0, 1], rows, { nBins: 1 })).toEqual([
    { lower: 0, upper: 1, count: 2, meanConfidence: 0.6, observed: 0.5 },
  ]);
});

test('a perfectly confident and correct model has ECE 0', () => {
  expect(expectedCalibrationError([0, 1, 1], [0, 1, 1])).toBe(0);
});

test('bad options are typed errors', () => {
  expect(errorOf(() => expectedCalibrationError(Y, PROB, { nBins: 0 })).code).toBe('INVALID_OPTION');
  expect(errorOf(() => expectedCalibrationError(Y, PROB, { nBins: 2.5 })).code).toBe('INVALID_OPTION');
  // @ts-expect-error not a mode
  expect(errorOf(() => expectedCalibrationError(Y, PROB, { confidence: 'min' })).code).toBe('INVALID_OPTION');
  const rows = [
    [0.6, 0.3, 0.1],
    [0.2, 0.2, 0.6],
  ];
  expect(errorOf(() => expectedCalibrationError([0, 1], rows, { confidence: 'positive' })).code).toBe(
    'LENGTH_MISMATCH',
  );
});
