import { MetricsError } from './errors.ts';
import type { NumericArray, ProbabilityInput, ProbabilityRow, ProbabilityTable } from './types.ts';

/** Default allowed distance of a probability row's sum from 1 (float32 softmax outputs pass). */
export const DEFAULT_ROW_SUM_TOLERANCE = 1e-5;

function isNumericArray(x: unknown): x is NumericArray {
  return (
    Array.isArray(x) || x instanceof Int32Array || x instanceof Float32Array || x instanceof Float64Array
  );
}

/** Throws unless `a` is a non-empty numeric array; returns its length (the number of samples). */
export function checkSamples(a: NumericArray, name: string): number {
  if (!isNumericArray(a)) {
    throw new MetricsError('INVALID_OPTION', `${name} must be an array or typed array of numbers`);
  }
  if (a.length === 0) throw new MetricsError('EMPTY_INPUT', `${name} is empty`);
  return a.length;
}

/** Throws `EMPTY_INPUT` / `LENGTH_MISMATCH` unless both inputs are non-empty arrays of one length. */
export function checkPair(a: NumericArray, aName: string, b: { length: number }, bName: string): number {
  if (!isNumericArray(a)) {
    throw new MetricsError('INVALID_OPTION', `${aName} must be an array or typed array of numbers`);
  }
  if (a.length !== b.length) {
    throw new MetricsError(
      'LENGTH_MISMATCH',
      `${aName} has ${a.length} entries but ${bName} has ${b.length}; they must have one entry per sample`,
    );
  }
  if (a.length === 0) throw new MetricsError('EMPTY_INPUT', `${aName} and ${bName} are empty`);
  return a.length;
}

/**
 * Checks that every entry is an integer label in `[0, numClasses)` (only `>= 0` when `numClasses` is not
 * given) and copies them into an Int32Array. Returns the labels and the largest one.
 */
export function readLabels(
  input: NumericArray,
  name: string,
  numClasses?: number,
): { labels: Int32Array; max: number } {
  const labels = new Int32Array(input.length);
  let max = -1;
  for (let i = 0; i < input.length; i++) {
    const v = input[i] as number;
    if (!Number.isInteger(v)) {
      throw new MetricsError('INVALID_LABEL', `${name}[${i}] = ${v} is not an integer class label`, {
        index: i,
      });
    }
    if (v < 0 || (numClasses !== undefined && v >= numClasses)) {
      const range = numClasses === undefined ? 'must be >= 0' : `is outside [0, ${numClasses})`;
      throw new MetricsError('LABEL_OUT_OF_RANGE', `${name}[${i}] = ${v} ${range}`, { index: i });
    }
    if (v > max) max = v;
    labels[i] = v;
  }
  return { labels, max };
}

/** Checks an explicit class count: an integer >= `min`. */
export function checkNumClasses(numClasses: number, min = 1): number {
  if (!Number.isInteger(numClasses) || numClasses < min) {
    throw new MetricsError('INVALID_OPTION', `numClasses must be an integer >= ${min}, got ${numClasses}`);
  }
  return numClasses;
}

/**
 * Checks a `labels` option: non-empty, integers in `[0, numClasses)`, no duplicates. `numClasses` undefined
 * means any non-negative integer.
 */
export function checkLabelList(labels: readonly number[], numClasses?: number): number[] {
  if (!Array.isArray(labels) || labels.length === 0) {
    throw new MetricsError('INVALID_OPTION', 'labels must be a non-empty array of class labels');
  }
  const seen = new Set<number>();
  labels.forEach((l, i) => {
    if (!Number.isInteger(l)) {
      throw new MetricsError('INVALID_LABEL', `labels[${i}] = ${l} is not an integer class label`, {
        index: i,
      });
    }
    if (l < 0 || (numClasses !== undefined && l >= numClasses)) {
      const range = numClasses === undefined ? 'must be >= 0' : `is outside [0, ${numClasses})`;
      throw new MetricsError('LABEL_OUT_OF_RANGE', `labels[${i}] = ${l} ${range}`, { index: i });
    }
    if (seen.has(l))
      throw new MetricsError('INVALID_OPTION', `labels[${i}] = ${l} is repeated`, { index: i });
    seen.add(l);
  });
  return [...labels];
}

function checkProbability(v: number, name: string, sample: number, column?: number): void {
  if (!(Number.isFinite(v) && v >= 0 && v <= 1)) {
    const at = column === undefined ? `${name}[${sample}]` : `${name}[${sample}][${column}]`;
    throw new MetricsError('INVALID_PROBABILITY', `${at} = ${v} is not a finite probability in [0, 1]`, {
      index: sample,
    });
  }
}

/** Options of {@link readProbabilities}. */
export interface ReadProbabilityOptions {
  /** Allowed |row sum - 1|. @default 1e-5 */
  rowSumTolerance?: number;
}

/** Validates probabilities for `n` samples and normalises their layout (see {@link ProbabilityInput}). */
export function readProbabilities(
  input: ProbabilityInput,
  n: number,
  name: string,
  options: ReadProbabilityOptions = {},
): ProbabilityTable {
  const tolerance = options.rowSumTolerance ?? DEFAULT_ROW_SUM_TOLERANCE;
  if (!(tolerance >= 0)) {
    throw new MetricsError('INVALID_OPTION', `rowSumTolerance must be >= 0, got ${tolerance}`);
  }
  if (!Array.isArray(input) && !isNumericArray(input)) {
    throw new MetricsError('INVALID_OPTION', `${name} must be an array, a typed array or an array of rows`);
  }
  if (input.length === 0) throw new MetricsError('EMPTY_INPUT', `${name} is empty`);
  const first = input[0];
  if (typeof first === 'number') {
    const flat = input as NumericArray;
    if (flat.length === n) {
      const values = Float64Array.from(flat);
      values.forEach((v, i) => {
        checkProbability(v, name, i);
      });
      return { layout: 'positive', columns: 1, values };
    }
    if (flat.length % n !== 0) {
      throw new MetricsError(
        'LENGTH_MISMATCH',
        `${name} has ${flat.length} values for ${n} samples: expected ${n} (positive-class probabilities) or n × C (row-major rows)`,
      );
    }
    return checkRows(Float64Array.from(flat), flat.length / n, n, name, tolerance);
  }
  const rows = input as readonly ProbabilityRow[];
  if (rows.length !== n) {
    throw new MetricsError('LENGTH_MISMATCH', `${name} has ${rows.length} rows for ${n} samples`);
  }
  const columns = rowLength(rows[0], 0, name);
  if (columns < 2) {
    throw new MetricsError(
      'LENGTH_MISMATCH',
      `${name}[0] has ${columns} values; a row needs one per class (>= 2)`,
      {
        index: 0,
      },
    );
  }
  const values = new Float64Array(n * columns);
  rows.forEach((row, i) => {
    const len = rowLength(row, i, name);
    if (len !== columns) {
      throw new MetricsError('LENGTH_MISMATCH', `${name}[${i}] has ${len} values but row 0 has ${columns}`, {
        index: i,
      });
    }
    for (let j = 0; j < columns; j++) values[i * columns + j] = row[j] as number;
  });
  return checkRows(values, columns, n, name, tolerance);
}

function rowLength(row: unknown, i: number, name: string): number {
  if (!isNumericArray(row)) {
    throw new MetricsError('INVALID_PROBABILITY', `${name}[${i}] is not an array of probabilities`, {
      index: i,
    });
  }
  return row.length;
}

function checkRows(
  values: Float64Array,
  columns: number,
  n: number,
  name: string,
  tol: number,
): ProbabilityTable {
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < columns; j++) {
      const v = values[i * columns + j] as number;
      checkProbability(v, name, i, j);
      sum += v;
    }
    if (Math.abs(sum - 1) > tol) {
      throw new MetricsError(
        'INVALID_PROBABILITY',
        `${name}[${i}] sums to ${sum}, not 1 (tolerance ${tol}); pass probabilities, not scores or logits`,
        { index: i },
      );
    }
  }
  return { layout: 'rows', columns, values };
}

/** Number of classes a probability table describes (2 for positive-class probabilities). */
export function tableClasses(table: ProbabilityTable): number {
  return table.layout === 'positive' ? 2 : table.columns;
}

/** Positive-class (label 1) probability of sample `i` from a binary table. */
export function positiveColumn(table: ProbabilityTable, name: string): Float64Array {
  if (table.layout === 'positive') return table.values;
  if (table.columns !== 2) {
    throw new MetricsError(
      'LENGTH_MISMATCH',
      `${name} has ${table.columns} columns; this metric is binary and needs 2 columns or one probability per sample`,
    );
  }
  const n = table.values.length / 2;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = table.values[2 * i + 1] as number;
  return out;
}

/** Throws `INVALID_OPTION` unless `value` is an integer >= `min`. */
export function checkInteger(value: number, name: string, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    throw new MetricsError('INVALID_OPTION', `${name} must be an integer >= ${min}, got ${value}`);
  }
  return value;
}
