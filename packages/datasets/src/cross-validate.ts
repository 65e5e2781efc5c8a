import { accuracy, precisionRecallFscore } from '@sentikit/metrics';
import { DatasetError } from './errors.ts';
import { stratifiedFolds, stratifiedSplit } from './split.ts';

/** Labelled texts: `labels[i]` is the class index of `texts[i]`. */
export interface LabeledTexts {
  texts: readonly string[];
  labels: ArrayLike<number>;
}

/** What the model family's `train` gets for one fold. */
export interface FoldSplit {
  /** 0-based fold number. */
  fold: number;
  /** The other folds, minus the validation share. */
  train: LabeledTexts;
  /** A stratified share of the training folds, for early stopping (absent when `validationFraction` is 0). */
  validation?: LabeledTexts;
  /** Seed for this fold's training (the run's seed + fold). */
  seed: number;
}

/** A trained model as cross-validation needs it: class indices for texts, and optionally a way to free it. */
export interface FoldClassifier {
  /** The predicted class index of every text. */
  predict(texts: readonly string[]): Promise<ArrayLike<number>> | ArrayLike<number>;
  /** Frees the model (called unless `keepModels`). */
  dispose?(): void | Promise<void>;
}

/** Options of {@link crossValidate}. */
export interface CrossValidateOptions<C extends FoldClassifier> {
  /** Class names, in label order. */
  labels: readonly string[];
  /** Trains a model of any family on a fold's training split. */
  train(split: FoldSplit): Promise<C>;
  /** Number of folds. @default 10 */
  folds?: number;
  /** Seed of the fold assignment, the validation shares and (plus the fold number) of each training. @default 42 */
  seed?: number;
  /** Share of each class of the training folds held out for validation; 0 for none. @default 0.1 */
  validationFraction?: number;
  /** Keep each fold's model (returned in `models`) instead of disposing of it. @default false */
  keepModels?: boolean;
  /** Called after each fold with its scores. */
  onFold?(result: FoldResult): void;
}

/** The scores cross-validation reports, per fold and as mean and standard deviation. */
export interface FoldScores {
  accuracy: number;
  macroPrecision: number;
  macroRecall: number;
  macroF1: number;
  weightedF1: number;
}

/** One fold's outcome. */
export interface FoldResult {
  fold: number;
  /** Texts scored (the held-out fold). */
  size: number;
  scores: FoldScores;
  seconds: number;
}

/** Mean and sample standard deviation (n − 1) of a score over the folds. */
export interface MeanStd {
  mean: number;
  std: number;
}

/** What {@link crossValidate} found. */
export interface CrossValidationResult<C> {
  folds: FoldResult[];
  /** Every score's mean and standard deviation over the folds. */
  summary: Record<keyof FoldScores, MeanStd>;
  /** The held-out prediction of every text (each text is predicted by the model that did not see it). */
  predictions: Int32Array;
  /** The fold models, when `keepModels` was set; else empty. */
  models: C[];
}

const pick = (data: LabeledTexts, idx: readonly number[]): LabeledTexts => ({
  texts: idx.map((i) => data.texts[i] as string),
  labels: idx.map((i) => data.labels[i] as number),
});

function scoresOf(yTrue: Int32Array, yPred: Int32Array, classes: number): FoldScores {
  const common = {
    labels: Array.from({ length: classes }, (_, i) => i),
    numClasses: classes,
    zeroDivision: 0,
  } as const;
  const macro = precisionRecallFscore(yTrue, yPred, { ...common, average: 'macro' });
  const weighted = precisionRecallFscore(yTrue, yPred, { ...common, average: 'weighted' });
  return {
    accuracy: accuracy(yTrue, yPred),
    macroPrecision: macro.precision,
    macroRecall: macro.recall,
    macroF1: macro.fScore,
    weightedF1: weighted.fScore,
  };
}

function meanStd(values: number[]): MeanStd {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance =
    values.length > 1 ? values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1) : 0;
  return { mean, std: Math.sqrt(variance) };
}

/**
 * Stratified k-fold cross-validation of any model family: for each fold, `train` gets the other folds (less a
 * stratified validation share) and returns a classifier, which predicts the held-out fold. Reports each fold's
 * accuracy, macro precision / recall / F1 and weighted F1, and their mean and standard deviation. Seeded: the
 * same seed gives the same folds. Fold models are disposed unless `keepModels`.
 * @example
 * const cv = await crossValidate(data, { labels, folds: 10, train: async (s) => trainMyModel(s.train) });
 * cv.summary.accuracy; // { mean: 0.81, std: 0.02 }
 */
export async function crossValidate<C extends FoldClassifier>(
  data: LabeledTexts,
  options: CrossValidateOptions<C>,
): Promise<CrossValidationResult<C>> {
  const k = options.folds ?? 10;
  const seed = options.seed ?? 42;
  const classes = options.labels.length;
  if (data.texts.length !== data.labels.length) {
    throw new DatasetError('INVALID_ARGUMENT', `${data.texts.length} texts but ${data.labels.length} labels`);
  }
  const fold = stratifiedFolds(data.labels, k, seed);
  const predictions = new Int32Array(data.texts.length);
  const results: FoldResult[] = [];
  const models: C[] = [];
  for (let f = 0; f < k; f++) {
    const started = performance.now();
    const trainIdx: number[] = [];
    const testIdx: number[] = [];
    for (let i = 0; i < fold.length; i++) (fold[i] === f ? testIdx : trainIdx).push(i);
    const rows = trainIdx.map((i) => ({ i, label: data.labels[i] as number }));
    const { train, val } = stratifiedSplit(rows, {
      valFraction: options.validationFraction ?? 0.1,
      seed: seed + f,
    });
    const test = pick(data, testIdx);
    const model = await options.train({
      fold: f,
      train: pick(
        data,
        train.map((r) => r.i),
      ),
      ...(val.length > 0
        ? {
            validation: pick(
              data,
              val.map((r) => r.i),
            ),
          }
        : {}),
      seed: seed + f,
    });
    try {
      const predicted = Int32Array.from(await model.predict(test.texts));
      if (predicted.length !== testIdx.length) {
        throw new DatasetError(
          'INVALID_ARGUMENT',
          `fold ${f}: the classifier returned ${predicted.length} predictions for ${testIdx.length} texts`,
        );
      }
      testIdx.forEach((i, j) => {
        predictions[i] = predicted[j] as number;
      });
      const result: FoldResult = {
        fold: f,
        size: testIdx.length,
        scores: scoresOf(Int32Array.from(test.labels), predicted, classes),
        seconds: (performance.now() - started) / 1000,
      };
      results.push(result);
      options.onFold?.(result);
    } finally {
      if (options.keepModels) models.push(model);
      else await model.dispose?.();
    }
  }
  const keys = Object.keys(results[0]?.scores ?? {}) as (keyof FoldScores)[];
  const summary = Object.fromEntries(
    keys.map((key) => [key, meanStd(results.map((r) => r.scores[key]))]),
  ) as Record<keyof FoldScores, MeanStd>;
  return { folds: results, summary, predictions, models };
}
