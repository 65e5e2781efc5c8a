import { z } from 'zod';

/** One epoch of training history: losses and validation metrics. */
export const epochMetricsSchema = z.object({
  /** 1-based epoch number. */
  epoch: z.number().int().positive(),
  /** Mean training loss over the epoch. */
  trainLoss: z.number(),
  /** Validation loss after the epoch. */
  valLoss: z.number(),
  /** Validation accuracy in [0, 1]. */
  valAccuracy: z.number(),
  /** Validation precision in [0, 1]. */
  valPrecision: z.number(),
  /** Validation recall in [0, 1]. */
  valRecall: z.number(),
  /** Validation F1 in [0, 1]. */
  valF1: z.number(),
  /** Wall time of the epoch in seconds. */
  seconds: z.number().nonnegative(),
});

/** One epoch of training history. */
export type EpochMetrics = z.infer<typeof epochMetricsSchema>;

const averagedSchema = z.object({ precision: z.number(), recall: z.number(), f1: z.number() });

/** Metrics on the test set. The confusion matrix has a row per true label and a column per predicted label. */
export const testMetricsSchema = z
  .object({
    /** Accuracy in [0, 1]. */
    accuracy: z.number(),
    /** Precision in [0, 1]. */
    precision: z.number(),
    /** Recall in [0, 1]. */
    recall: z.number(),
    /** F1 in [0, 1]. */
    f1: z.number(),
    /** Mean test loss, when computed. */
    loss: z.number().optional(),
    /** Macro-averaged precision, recall and F1 (every class counts the same). */
    macro: averagedSchema.optional(),
    /** Support-weighted precision, recall and F1. */
    weighted: averagedSchema.optional(),
    /** `confusionMatrix[trueLabel][predictedLabel]` = count. */
    confusionMatrix: z.array(z.array(z.number().int().nonnegative())),
    /** Class names by index. */
    labels: z.array(z.string()).min(1),
  })
  .refine(
    (m) =>
      m.confusionMatrix.length === m.labels.length &&
      m.confusionMatrix.every((r) => r.length === m.labels.length),
    {
      message: 'confusion matrix must be square with one row and column per label',
      path: ['confusionMatrix'],
    },
  );

/** Metrics on the test set. */
export type TestMetrics = z.infer<typeof testMetricsSchema>;

/** Where the rows came from and how many each split has. */
export const reportDataSchema = z.object({
  /** The data file or folder (`--data`), or `IMDB`. */
  source: z.string(),
  /** Rows per split; a split that was not used is absent. */
  rows: z.record(z.string(), z.number().int().nonnegative()),
  /** Bad rows skipped while reading, when any. */
  skipped: z.number().int().nonnegative().optional(),
});

/** The pretrained vectors a model started from, and how well they covered its vocabulary. */
export const reportEmbeddingsSchema = z.object({
  /** The vectors file. */
  source: z.string(),
  /** Vocabulary words with a vector. */
  found: z.number().int().nonnegative(),
  /** Share of vocabulary types with a vector, in [0, 1]. */
  typeCoverage: z.number(),
  /** Share of training tokens with a vector, in [0, 1], when known. */
  tokenCoverage: z.number().nullable(),
  /** Width of the vectors. */
  dim: z.number().int().positive(),
});

/** Everything `report.html` shows. */
export const reportInputSchema = z.object({
  /** Heading and page title, e.g. the model name. */
  title: z.string(),
  /** When the report was made. */
  created: z.union([z.date(), z.string()]),
  /** Training history, one entry per epoch; empty (an evaluation): no curves or epochs sections. */
  history: z.array(epochMetricsSchema),
  /** The data the model was trained or evaluated on; the section is left out when absent. */
  data: reportDataSchema.optional(),
  /** Pretrained vectors and their coverage: an object, `null` for none (random init), absent to say nothing. */
  embeddings: reportEmbeddingsSchema.nullable().optional(),
  /** Test-set metrics; the section is left out when absent. */
  test: testMetricsSchema.optional(),
  /** The run's configuration (any JSON object), shown as a table. */
  config: z.record(z.string(), z.unknown()),
  /** A plain-text classification report, shown as is. */
  classificationReport: z.string().optional(),
});

/** Everything `report.html` shows. */
export type ReportInput = z.infer<typeof reportInputSchema>;
