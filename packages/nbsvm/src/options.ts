import { TokenizerOptions } from '@sentikit/tokenizer';
import { z } from 'zod';
import { NbSvmError } from './errors.ts';

/** How texts become sparse features. */
export const FeatureOptions = z.strictObject({
  /** Longest n-gram: 1 = words, 2 = words and word pairs, 3 = up to trigrams. @default 3 */
  ngrams: z.number().int().min(1).max(6).default(3),
  /** Whether a feature is present/absent (1) or counted (`false`: its count in the text). @default true */
  binary: z.boolean().default(true),
  /** Keep only n-grams found in at least this many training texts (vocabulary mode). @default 1 */
  minDf: z.number().int().min(1).default(1),
  /**
   * Vocabulary size cap: the n-grams found in most training texts (ties: first seen first) are kept. @default 2000000
   */
  maxFeatures: z.number().int().min(1).default(2_000_000),
  /**
   * When set, n-grams are hashed into `2^hashingBits` buckets instead of kept in a vocabulary (no keys
   * stored; `minDf` and `maxFeatures` do not apply). @default null
   */
  hashingBits: z.number().int().min(8).max(26).nullable().default(null),
  /** Options of the `@sentikit/tokenizer` tokenizer that splits texts. @default the tokenizer's defaults */
  tokenizer: TokenizerOptions.default(() => TokenizerOptions.parse({})),
});
/** {@link FeatureOptions} with defaults filled in. */
export type FeatureOptions = z.infer<typeof FeatureOptions>;
/** What {@link FeatureOptions} accepts. */
export type FeatureOptionsInput = z.input<typeof FeatureOptions>;

/** How the linear classifier is trained on NB-scaled features. */
export const TrainerOptions = z.strictObject({
  /** Inverse regularisation strength of the L2-regularised, L2-loss SVM (chosen on IMDB validation). @default 0.01 */
  c: z.number().positive().default(0.01),
  /**
   * Wang & Manning's interpolation: weights become `beta * w + (1 - beta) * mean|w|`, between the SVM (1) and
   * naive Bayes (0). @default 1
   */
  beta: z.number().min(0).max(1).default(1),
  /** Naive Bayes smoothing added to every feature's per-class count. @default 1 */
  alpha: z.number().positive().default(1),
  /** Stop when the largest projected-gradient spread of an epoch is below this (liblinear's eps). @default 0.1 */
  tolerance: z.number().positive().default(0.1),
  /** At most this many passes over the data per classifier. @default 200 */
  maxEpochs: z.number().int().min(1).default(200),
  /** Folds whose held-out scores fit each class's Platt sigmoid (probabilities). @default 3 */
  calibrationFolds: z.number().int().min(2).max(20).default(3),
  /** Seed of the coordinate order and the calibration folds. @default 1 */
  seed: z.number().int().default(1),
  /**
   * `balanced`: every class counts the same: the calibrated probabilities are divided by the training texts'
   * class shares and renormalised (the decision that balanced class weights aim at, for skewed classes); `null`:
   * the probabilities follow the training shares. @default null
   */
  classWeights: z.literal('balanced').nullable().default(null),
});
/** {@link TrainerOptions} with defaults filled in. */
export type TrainerOptions = z.infer<typeof TrainerOptions>;

/** Every option of an NB-SVM model: labels, features and trainer. */
export const NbSvmOptions = z.strictObject({
  /** Class names in label order (label i is `labels[i]`), at least two. @default ['negative', 'positive'] */
  labels: z
    .array(z.string().min(1))
    .min(2)
    .refine((l) => new Set(l).size === l.length, 'labels must be distinct')
    .default(() => ['negative', 'positive']),
  ...FeatureOptions.shape,
  ...TrainerOptions.shape,
});
/** {@link NbSvmOptions} with defaults filled in. */
export type NbSvmOptions = z.infer<typeof NbSvmOptions>;
/** What {@link NbSvmOptions} accepts. */
export type NbSvmOptionsInput = z.input<typeof NbSvmOptions>;

/** The feature options within a model's options. */
export function featureOptionsOf(options: NbSvmOptions): FeatureOptions {
  const { ngrams, binary, minDf, maxFeatures, hashingBits, tokenizer } = options;
  return { ngrams, binary, minDf, maxFeatures, hashingBits, tokenizer };
}

/** Parses options once at the edge; a bad one is an `INVALID_OPTIONS` error naming the field. */
export function parseOptions<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'options';
    throw new NbSvmError('INVALID_OPTIONS', `Invalid NB-SVM option ${where}: ${issue?.message}`, {
      cause: parsed.error,
    });
  }
  return parsed.data;
}
