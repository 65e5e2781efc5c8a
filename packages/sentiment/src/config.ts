import { z } from 'zod';

/** How the BiLSTM's sequence output becomes one vector per text. */
export const poolingSchema = z.enum(['last', 'final', 'max', 'mean', 'max-mean']);
/**
 * - `last`: the output at the last position, padding included (the seed tutorial's choice);
 * - `final`: each direction's state at the sequence's real end (forward at the last token, backward at the first);
 * - `max` / `mean`: over the real positions; `max-mean`: both, concatenated.
 */
export type Pooling = z.infer<typeof poolingSchema>;

/** The architecture of a sentiment model: one zod schema, one source of truth for the type and the file. */
export const modelConfigSchema = z.object({
  /** Vocabulary size V (rows of the embedding matrix, specials included). */
  vocabSize: z.number().int().min(2),
  /** Embedding width E. @default 50 */
  embeddingDim: z.number().int().positive().default(50),
  /** Whether the embedding matrix is trained (fine-tuned) or frozen. @default true */
  trainEmbeddings: z.boolean().default(true),
  /** BiLSTM units per direction H. @default 128 */
  hidden: z.number().int().positive().default(128),
  /** Stacked BiLSTM layers. @default 1 */
  layers: z.number().int().positive().default(1),
  /** Padding tokens are masked: they change neither outputs nor gradients. @default true */
  masking: z.boolean().default(true),
  /** How the sequence output is pooled. @default 'max' */
  pooling: poolingSchema.default('max'),
  /** Width of the ReLU hidden layer between pooling and the output; 0 for none. @default 128 */
  ffn: z.number().int().nonnegative().default(128),
  /** Dropout on the embeddings (whole words' vectors dropped). @default 0 */
  embeddingDropout: z.number().min(0).lt(1).default(0),
  /** Dropout between stacked BiLSTM layers. @default 0 */
  lstmDropout: z.number().min(0).lt(1).default(0),
  /** Dropout before the output layer(s). @default 0 */
  dropout: z.number().min(0).lt(1).default(0),
  /** Class names, in label order (label i ↔ labels[i]). @default ['negative', 'positive'] */
  labels: z.array(z.string().min(1)).min(2).default(['negative', 'positive']),
  /** Longest token sequence the model reads; longer texts are truncated. @default 400 */
  maxLength: z.number().int().positive().default(400),
  /** Which tokens a too-long text keeps. @default 'head+tail' */
  truncation: z.enum(['post', 'pre', 'head+tail']).default('head+tail'),
  /** Pad every batch to `maxLength` instead of to its longest text. @default false */
  fixedLength: z.boolean().default(false),
  /** Seed of the weight initialisation. @default 0 */
  seed: z.number().int().default(0),
});

/** A validated model configuration. */
export type ModelConfig = z.infer<typeof modelConfigSchema>;
/** Model configuration as written by users (defaults not yet applied). */
export type ModelConfigInput = z.input<typeof modelConfigSchema>;

/** Learning-rate schedule over the whole run. */
export const scheduleSchema = z.enum(['constant', 'linear', 'cosine']);

/** Options of a training run. */
export const trainingConfigSchema = z.object({
  /** Passes over the training set. @default 5 */
  epochs: z.number().int().positive().default(5),
  /** Texts per batch. @default 64 */
  batchSize: z.number().int().positive().default(64),
  /** Adam's learning rate (the peak, with a schedule). @default 0.001 */
  learningRate: z.number().positive().default(1e-3),
  /** Learning-rate schedule; `linear` and `cosine` decay to 0 by the end, after `warmupSteps`. @default 'constant' */
  schedule: scheduleSchema.default('constant'),
  /** Steps of linear warm-up from 0 to the peak. @default 0 */
  warmupSteps: z.number().int().nonnegative().default(0),
  /** Gradients are scaled so their global norm is at most this; 0 = off. @default 5 */
  clipNorm: z.number().nonnegative().default(5),
  /** L2 weight decay added to the loss (not on the embeddings); 0 = off. @default 0 */
  weightDecay: z.number().nonnegative().default(0),
  /**
   * Weights of the classes in the loss, in label order, or `balanced` (n / (k · count of the class), so every
   * class weighs the same in total); none when absent.
   */
  classWeights: z.union([z.literal('balanced'), z.array(z.number().positive()).min(2)]).optional(),
  /** Stop when `metric` has not improved for `patience` epochs; the best epoch's weights are restored. */
  earlyStopping: z
    .object({
      /** `f1` is the positive class's with two classes, else macro; `macro-f1` always macro. @default 'f1' */
      metric: z.enum(['loss', 'accuracy', 'f1', 'macro-f1']).default('f1'),
      /** @default 2 */
      patience: z.number().int().positive().default(2),
    })
    .optional(),
  /** Seed of the shuffling and dropout. @default 42 */
  seed: z.number().int().default(42),
  /** Texts sorted by length within chunks of this many batches (length bucketing). @default 50 */
  bucketBatches: z.number().int().positive().default(50),
});

/** Validated training options. */
export type TrainingConfig = z.infer<typeof trainingConfigSchema>;
/** Training options as written by users. */
export type TrainingConfigInput = z.input<typeof trainingConfigSchema>;

/** A named starting point: model and training settings. */
export interface Preset {
  model: Omit<ModelConfigInput, 'vocabSize'>;
  train: TrainingConfigInput;
  /** Vocabulary limits for the tokenizer built from the training texts. */
  vocabulary: { maxSize: number; minFreq: number };
  /** What it is, for `--help` and the README. */
  description: string;
}

/**
 * - `seed`: the PyTorch tutorial this project grew from: GloVe 50d fine-tuned, BiLSTM 128, the output at the
 *   last position of a length-bucketed batch (padding included, no masking), Linear 256→128 + ReLU → 2,
 *   Adam 1e-3.
 * - `default`: the best configuration found on a validation split (see the package README).
 */
export const presets = {
  seed: {
    description:
      'the PyTorch tutorial reproduced: last-position output of length-bucketed batches, no masking',
    model: {
      embeddingDim: 50,
      trainEmbeddings: true,
      hidden: 128,
      layers: 1,
      masking: false,
      pooling: 'last',
      ffn: 128,
      dropout: 0,
      maxLength: 256,
      truncation: 'post',
      fixedLength: false,
    },
    train: { epochs: 3, batchSize: 64, learningRate: 1e-3, schedule: 'constant', clipNorm: 0 },
    vocabulary: { maxSize: 50_000, minFreq: 1 },
  },
  default: {
    description:
      'masked max pooling over a length-bucketed BiLSTM, head+tail truncation, dropout, decaying learning rate',
    model: {
      embeddingDim: 50,
      trainEmbeddings: true,
      hidden: 128,
      layers: 1,
      masking: true,
      pooling: 'max',
      ffn: 128,
      embeddingDropout: 0.2,
      dropout: 0.3,
      maxLength: 400,
      truncation: 'head+tail',
      fixedLength: false,
    },
    train: { epochs: 4, batchSize: 64, learningRate: 2e-3, schedule: 'linear', warmupSteps: 50, clipNorm: 5 },
    vocabulary: { maxSize: 50_000, minFreq: 2 },
  },
} as const satisfies Record<string, Preset>;

/** The preset names. */
export type PresetName = keyof typeof presets;
