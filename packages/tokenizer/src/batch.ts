import { z } from 'zod';
import { TokenizerError } from './errors.ts';
import { formatZodError } from './zod-error.ts';

/** Options of `encodeBatch`. */
export const EncodeBatchOptions = z
  .strictObject({
    /**
     * The longest row; longer texts are truncated. The row length is `L = min(maxLength, longest text)`.
     * No limit when absent.
     * @default undefined
     */
    maxLength: z.number().int().positive().optional(),
    /**
     * The shortest row, for models that need at least one step: `L = max(minLength, min(maxLength, longest))`.
     * @default 0
     */
    minLength: z.number().int().nonnegative().default(0),
    /**
     * Where padding goes: after the tokens (`post`) or before them (`pre`).
     * @default 'post'
     */
    padding: z.enum(['post', 'pre']).default('post'),
    /**
     * What a too-long text keeps: its first `L` tokens (`post`), its last `L` (`pre`), or its first
     * `headLength` and last `L - headLength` (`head+tail`).
     * @default 'post'
     */
    truncation: z.enum(['post', 'pre', 'head+tail']).default('post'),
    /**
     * Tokens kept from the start under `head+tail` (clamped to `L`); the rest of the row comes from the end.
     * @default Math.floor(L / 4): 128 + 384 for L = 512, 64 + 192 for L = 256
     */
    headLength: z.number().int().nonnegative().optional(),
  })
  .refine((o) => o.maxLength === undefined || o.minLength <= o.maxLength, {
    message: 'minLength must not exceed maxLength',
    path: ['minLength'],
  });

/** `encodeBatch` options as callers write them. */
export type EncodeBatchOptionsInput = z.input<typeof EncodeBatchOptions>;
/** `encodeBatch` options with defaults filled in. */
export type EncodeBatchOptions = z.infer<typeof EncodeBatchOptions>;

/** The result of `encodeBatch`: a padded id matrix and what happened to each text. */
export interface EncodedBatch {
  /** Ids, `batchSize × sequenceLength`, row-major; padding is id 0. */
  ids: Int32Array;
  /** Tokens kept per row (at most `sequenceLength`). */
  lengths: Int32Array;
  /** Tokens of each full text, before truncation. */
  tokenCounts: Int32Array;
  /** Whether each text lost tokens to truncation. */
  truncated: boolean[];
  /** Number of texts (rows). */
  batchSize: number;
  /** Row length `L`. */
  sequenceLength: number;
}

/** Validates `encodeBatch` options; throws `INVALID_OPTIONS` naming the field. */
export function parseEncodeBatchOptions(options: unknown): EncodeBatchOptions {
  const parsed = EncodeBatchOptions.safeParse(options ?? {});
  if (!parsed.success) {
    throw new TokenizerError(
      'INVALID_OPTIONS',
      `Invalid encodeBatch options: ${formatZodError(parsed.error)}`,
      {
        cause: parsed.error,
      },
    );
  }
  return parsed.data;
}

/** Lays encoded texts out as a padded, truncated id matrix. */
export function packBatch(encoded: readonly Int32Array[], o: EncodeBatchOptions): EncodedBatch {
  const batchSize = encoded.length;
  let longest = 0;
  for (const row of encoded) if (row.length > longest) longest = row.length;
  const L = Math.max(o.minLength, o.maxLength === undefined ? longest : Math.min(o.maxLength, longest));
  const ids = new Int32Array(batchSize * L);
  const lengths = new Int32Array(batchSize);
  const tokenCounts = new Int32Array(batchSize);
  const truncated: boolean[] = new Array(batchSize);
  const head = Math.min(o.headLength ?? Math.floor(L / 4), L);
  for (let r = 0; r < batchSize; r++) {
    const full = encoded[r] as Int32Array;
    const n = full.length;
    let kept: Int32Array;
    if (n <= L) kept = full;
    else if (o.truncation === 'post') kept = full.subarray(0, L);
    else if (o.truncation === 'pre') kept = full.subarray(n - L);
    else {
      kept = new Int32Array(L);
      kept.set(full.subarray(0, head));
      kept.set(full.subarray(n - (L - head)), head);
    }
    ids.set(kept, r * L + (o.padding === 'pre' ? L - kept.length : 0));
    lengths[r] = kept.length;
    tokenCounts[r] = n;
    truncated[r] = n > L;
  }
  return { ids, lengths, tokenCounts, truncated, batchSize, sequenceLength: L };
}
