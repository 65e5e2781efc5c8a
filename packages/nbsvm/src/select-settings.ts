import type { CsrMatrix } from './csr.ts';
import { NbSvmError } from './errors.ts';
import type { NbSvmOptions } from './options.ts';
import { fitOnce, rowScore } from './train-classifier.ts';

/** Settings that {@link NbSvmModel.train} tries on validation data before the final fit. */
export interface NbSvmSelection {
  /** Labelled texts the settings are scored on (never the test set). */
  validation: { texts: readonly string[]; labels: ArrayLike<number> };
  /** Values of `c` to try. @default [the options' c] */
  c?: readonly number[];
  /** Values of `beta` to try. @default [the options' beta] */
  beta?: readonly number[];
  /** What to maximise. @default 'accuracy' */
  metric?: 'accuracy' | 'macroRecall';
}

/** One tried setting and its validation score. */
export interface SelectionTrial {
  c: number;
  beta: number;
  score: number;
}

/**
 * Fits every (c, beta) pair on the training matrix (without calibration: the argmax of raw scores decides) and
 * scores it on the validation matrix; the best pair wins, ties to the first tried.
 * @param positives per classifier, which training rows are its class
 * @param targets per classifier, its class (binary: one classifier for label 1)
 */
export function selectSettings(
  x: CsrMatrix,
  positives: readonly Uint8Array[],
  targets: readonly number[],
  validation: { matrix: CsrMatrix; labels: ArrayLike<number> },
  options: NbSvmOptions,
  selection: NbSvmSelection,
): { c: number; beta: number; trials: SelectionTrial[] } {
  const cs = selection.c ?? [options.c];
  const betas = selection.beta ?? [options.beta];
  if (cs.length === 0 || betas.length === 0 || [...cs, ...betas].some((v) => !(v >= 0)))
    throw new NbSvmError(
      'INVALID_OPTIONS',
      'Selection needs at least one c and one beta, all non-negative numbers',
    );
  const k = options.labels.length;
  const v = validation.matrix;
  const trials: SelectionTrial[] = [];
  let best: SelectionTrial | null = null;
  for (const c of cs)
    for (const beta of betas) {
      const models = positives.map((p) => fitOnce(x, p, { ...options, c, beta }, null));
      const hits = new Float64Array(k);
      const counts = new Float64Array(k);
      for (let r = 0; r < v.rows; r++) {
        let predicted: number;
        if (k === 2)
          predicted = rowScore(v, r, models[0]?.weights as Float32Array, models[0]?.bias ?? 0) > 0 ? 1 : 0;
        else {
          predicted = 0;
          let top = Number.NEGATIVE_INFINITY;
          models.forEach((m, i) => {
            const s = rowScore(v, r, m.weights, m.bias);
            if (s > top) [top, predicted] = [s, targets[i] as number];
          });
        }
        const y = validation.labels[r] as number;
        counts[y] = (counts[y] as number) + 1;
        if (predicted === y) hits[y] = (hits[y] as number) + 1;
      }
      let score = hits.reduce((a, b) => a + b, 0) / Math.max(1, v.rows);
      if (selection.metric === 'macroRecall')
        score =
          hits.reduce((s, h, c2) => s + ((counts[c2] as number) > 0 ? h / (counts[c2] as number) : 0), 0) / k;
      const trial = { c, beta, score };
      trials.push(trial);
      if (!best || score > best.score) best = trial;
    }
  const chosen = best as SelectionTrial;
  return { c: chosen.c, beta: chosen.beta, trials };
}
