import { expect, test } from 'vitest';
import { errorOf } from '../test/error-of.ts';
import type { MetricsWarning } from './errors.ts';
import { classificationReport, classificationReportDict } from './report.ts';

// class 0: tp 1 fp 1 fn 1 (P = R = F = 0.5, support 2); class 1: tp 1 fp 1 fn 1 (same, support 2).
const T = [0, 0, 1, 1];
const P = [0, 1, 0, 1];

test('text layout: header, rows, blank line, accuracy, macro and weighted avg', () => {
  const expected = [
    '              precision    recall  f1-score   support',
    '',
    '           0       0.50      0.50      0.50         2',
    '           1       0.50      0.50      0.50         2',
    '',
    '    accuracy                           0.50         4',
    '   macro avg       0.50      0.50      0.50         4',
    'weighted avg       0.50      0.50      0.50         4',
    '',
  ].join('\n');
  expect(classificationReport(T, P)).toBe(expected);
});

test('target names set the row names and the first column width', () => {
  const text = classificationReport(T, P, {
    targetNames: ['negative', 'very-positive-sentiment'],
    digits: 3,
  });
  const lines = text.split('\n');
  expect(lines[2]).toBe('               negative      0.500     0.500     0.500         2');
  expect(lines[3]).toBe('very-positive-sentiment      0.500     0.500     0.500         2');
});

test('the dict form has sklearn’s keys and accuracy as a number', () => {
  const d = classificationReportDict(T, P, { targetNames: ['neg', 'pos'] });
  expect(Object.keys(d)).toEqual(['neg', 'pos', 'accuracy', 'macro avg', 'weighted avg']);
  expect(d.accuracy).toBe(0.5);
  expect(d['macro avg']).toEqual({ precision: 0.5, recall: 0.5, 'f1-score': 0.5, support: 4 });
  expect(d['neg']).toEqual({ precision: 0.5, recall: 0.5, 'f1-score': 0.5, support: 2 });
});

test('labels that differ from the classes present turn accuracy into micro avg', () => {
  const d = classificationReportDict([0, 1, 1], [0, 1, 0], { labels: [0, 1, 2] });
  expect(d.accuracy).toBeUndefined();
  expect(d['micro avg']?.precision).toBeCloseTo(2 / 3, 15);
  expect(classificationReport([0, 1, 1], [0, 1, 0], { labels: [1] })).toContain('   micro avg ');
});

test("zeroDivision 'nan' prints nan; 'warn' reports through onWarning", () => {
  const text = classificationReport([0, 0, 1], [0, 0, 0], { zeroDivision: 'nan' });
  expect(text.split('\n')[3]).toBe('           1        nan      0.00      0.00         1');
  const seen: MetricsWarning[] = [];
  classificationReport([0, 0, 1], [0, 0, 0], { onWarning: (w) => seen.push(w) });
  expect(seen.map((w) => [w.metric, w.labels])).toEqual([['precision', [1]]]);
});

test('bad options are typed errors', () => {
  expect(errorOf(() => classificationReport(T, P, { targetNames: ['only-one'] })).code).toBe(
    'INVALID_OPTION',
  );
  expect(errorOf(() => classificationReport(T, P, { digits: -1 })).code).toBe('INVALID_OPTION');
  expect(errorOf(() => classificationReport(T, P, { digits: 1.5 })).code).toBe('INVALID_OPTION');
  expect(errorOf(() => classificationReport(T, [0, 1])).code).toBe('LENGTH_MISMATCH');
});
