import { DatasetError } from './errors.ts';

/** Options of {@link stratifiedSplit}. */
export interface SplitOptions {
  /**
   * The share of each class that goes to validation, in `[0, 1)`; each class gives `round(n_c * valFraction)`.
   * @default 0.1
   */
  valFraction?: number;
  /**
   * Seed of the shuffle that picks the validation rows: the same seed and input give the same split.
   * @default 42
   */
  seed?: number;
}

/**
 * Splits labelled rows into train and validation sets, keeping each class's share: for every label, a seeded
 * shuffle picks `Math.round(count * valFraction)` of its rows for validation. Both outputs keep the input order;
 * together they hold every input row exactly once.
 * @throws DatasetError `INVALID_ARGUMENT` when `valFraction` is outside `[0, 1)` or the seed is not an integer
 */
export function stratifiedSplit<T extends { label: number }>(
  rows: readonly T[],
  options: SplitOptions = {},
): { train: T[]; val: T[] } {
  const valFraction = options.valFraction ?? 0.1;
  const seed = options.seed ?? 42;
  if (!(valFraction >= 0 && valFraction < 1)) {
    throw new DatasetError(
      'INVALID_ARGUMENT',
      `val fraction must be at least 0 and below 1, got ${valFraction}`,
    );
  }
  if (!Number.isSafeInteger(seed))
    throw new DatasetError('INVALID_ARGUMENT', `seed must be an integer, got ${seed}`);
  const byLabel = new Map<number, number[]>();
  rows.forEach((row, i) => {
    const list = byLabel.get(row.label);
    if (list) list.push(i);
    else byLabel.set(row.label, [i]);
  });
  const inVal = new Uint8Array(rows.length);
  const random = mulberry32(seed);
  for (const label of [...byLabel.keys()].sort((a, b) => a - b)) {
    const indices = byLabel.get(label) as number[];
    const take = Math.round(indices.length * valFraction);
    // Partial Fisher–Yates: the first `take` slots end up a uniform sample.
    for (let i = 0; i < take; i++) {
      const j = i + Math.floor(random() * (indices.length - i));
      const picked = indices[j] as number;
      indices[j] = indices[i] as number;
      indices[i] = picked;
      inVal[picked] = 1;
    }
  }
  const train: T[] = [];
  const val: T[] = [];
  rows.forEach((row, i) => {
    (inVal[i] ? val : train).push(row);
  });
  return { train, val };
}

/** A small, fast seeded PRNG returning floats in `[0, 1)`. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Stratified k-fold assignment: `fold[i]` in `0..k-1` for every row, each class's rows shuffled (seeded) and
 * dealt round-robin, so every fold holds each class's share to within one row. Same seed, same folds.
 * @throws DatasetError `INVALID_ARGUMENT` when `k` is below 2 or above the number of rows
 */
export function stratifiedFolds(labels: ArrayLike<number>, k: number, seed = 42): Int32Array {
  if (!Number.isInteger(k) || k < 2 || k > labels.length) {
    throw new DatasetError(
      'INVALID_ARGUMENT',
      `folds must be an integer from 2 to the number of rows (${labels.length}), got ${k}`,
    );
  }
  if (!Number.isSafeInteger(seed))
    throw new DatasetError('INVALID_ARGUMENT', `seed must be an integer, got ${seed}`);
  const byLabel = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] as number;
    const list = byLabel.get(label);
    if (list) list.push(i);
    else byLabel.set(label, [i]);
  }
  const folds = new Int32Array(labels.length);
  const random = mulberry32(seed);
  // The deal continues across classes, so small classes do not all start in fold 0.
  let next = 0;
  for (const label of [...byLabel.keys()].sort((a, b) => a - b)) {
    const indices = byLabel.get(label) as number[];
    for (let i = indices.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const t = indices[i] as number;
      indices[i] = indices[j] as number;
      indices[j] = t;
    }
    for (const index of indices) {
      folds[index] = next;
      next = (next + 1) % k;
    }
  }
  return folds;
}
