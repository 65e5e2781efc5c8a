import { z } from 'zod';
import { NbSvmOptions } from './options.ts';

/** The format tag of `nbsvm.json`. */
export const NBSVM_FORMAT = 'sentikit-nbsvm';
/** The `nbsvm.json` format version this package writes and reads. */
export const NBSVM_FORMAT_VERSION = 1;

/** `nbsvm.json`: options, sizes and per-classifier scalars; the arrays are in `nbsvm.bin`. */
export const NbSvmFile = z.strictObject({
  format: z.literal(NBSVM_FORMAT),
  version: z.literal(NBSVM_FORMAT_VERSION),
  options: NbSvmOptions,
  /** Feature columns (vocabulary size, or hash buckets). */
  numFeatures: z.number().int().positive(),
  /**
   * One entry per "class vs rest" classifier: one for two labels (label 1 vs label 0), else one per label.
   */
  classifiers: z
    .array(
      z.strictObject({
        bias: z.number(),
        platt: z.strictObject({ a: z.number(), b: z.number() }),
      }),
    )
    .min(1),
  /** Bytes of `nbsvm.bin`, for a clear error when it does not match. */
  binaryBytes: z.number().int().nonnegative(),
  /** Each label's share of the training texts (absent in files written before it was kept). */
  classShares: z.array(z.number().positive().max(1)).optional(),
});
/** The parsed `nbsvm.json`. */
export type NbSvmFile = z.infer<typeof NbSvmFile>;

/**
 * `nbsvm.bin` layout (little-endian): in vocabulary mode `numFeatures` uint32 key lanes A, then as many lanes
 * B; then each classifier's `numFeatures` float32 weights.
 */
export function binaryBytes(numFeatures: number, classifiers: number, vocabulary: boolean): number {
  return numFeatures * 4 * ((vocabulary ? 2 : 0) + classifiers);
}
