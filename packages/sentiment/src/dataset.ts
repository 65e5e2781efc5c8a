import { SentimentError } from './errors.ts';

/** Labelled texts: `labels[i]` is the class index of `texts[i]`. */
export interface Dataset {
  texts: readonly string[];
  labels: ArrayLike<number>;
}

/** Checks a dataset against the model's classes; throws a SentimentError naming the first problem. */
export function checkDataset(data: Dataset, classes: number, name: string): void {
  if (data.texts.length !== data.labels.length) {
    throw new SentimentError(
      'INVALID_ARGUMENT',
      `${name}: ${data.texts.length} texts but ${data.labels.length} labels`,
    );
  }
  if (data.texts.length === 0) throw new SentimentError('INVALID_ARGUMENT', `${name} is empty`);
  for (let i = 0; i < data.labels.length; i++) {
    const l = data.labels[i] as number;
    if (!Number.isInteger(l) || l < 0 || l >= classes) {
      throw new SentimentError(
        'INVALID_ARGUMENT',
        `${name}: label ${l} at index ${i} is not a class index in 0..${classes - 1}`,
      );
    }
    if (typeof data.texts[i] !== 'string')
      throw new SentimentError('INVALID_ARGUMENT', `${name}: text at index ${i} is not a string`);
  }
}

/** Texts per class: `counts[c]` is how many of `labels` are `c`, for `c` in `0..classes-1`. */
export function countClasses(labels: ArrayLike<number>, classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i] as number;
    counts[c] = (counts[c] ?? 0) + 1;
  }
  return counts;
}
