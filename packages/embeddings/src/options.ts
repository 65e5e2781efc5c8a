import { z } from 'zod';
import { embeddingsFormatSchema } from './detect-format.ts';
import { EmbeddingsError } from './errors.ts';
import type { ProgressCallback } from './source.ts';
import type { EmbeddingVocabulary } from './vocabulary.ts';

const progressCallback = z
  .custom<ProgressCallback>(
    (v) => typeof v === 'function',
    'must be a function (bytesRead, totalBytes) => void',
  )
  .optional();

/** Options shared by loadEmbeddings and loadVectors. */
export const readOptionsSchema = z.strictObject({
  /**
   * The file's format, or `auto` to detect it from the content (never from the file name). gzip is always
   * detected from the magic bytes 1f 8b.
   * @default 'auto'
   */
  format: z.union([z.literal('auto'), embeddingsFormatSchema]).default('auto'),
  /**
   * Bytes read from disk per chunk (the fs highWaterMark); also bounds the gunzip output chunks (≤ 1 MiB).
   * @default 4194304 (4 MiB)
   */
  chunkSize: z
    .number()
    .int()
    .min(1)
    .max(256 << 20)
    .default(4 << 20),
  /**
   * Called with the bytes read from disk and the file size: compressed bytes for a gzip file, so the two
   * compare. About one call per 1% of the file and a final `(size, size)`; not called on a cache hit.
   * @default undefined
   */
  onProgress: progressCallback,
});

/** Options of loadEmbeddings. */
export const loadEmbeddingsOptionsSchema = readOptionsSchema.extend({
  /** The vocabulary to align to: row i of the matrix is `vocabulary.tokens[i]`. Required. */
  vocabulary: z.custom<EmbeddingVocabulary>(
    (v) => typeof v === 'object' && v !== null && Array.isArray((v as { tokens?: unknown }).tokens),
    'must be an object with a `tokens` array',
  ),
  /**
   * Rows of vocabulary words absent from the file: `random` draws each value from a normal with the loaded
   * vectors' per-dimension mean and standard deviation (seeded, deterministic), `mean` copies the mean vector,
   * `zeros` leaves zeros.
   * @default 'random'
   */
  oov: z.enum(['random', 'zeros', 'mean']).default('random'),
  /**
   * Seed of the PRNG behind `oov: 'random'`. Same seed, file and vocabulary: same matrix.
   * @default 0
   */
  seed: z.number().int().default(0),
  /**
   * Rows that stay all zeros whatever the file holds, given as row indices or tokens: the padding row and
   * any special tokens you want zeroed. They are left out of coverage and `missing`.
   * @default [0] (the `<pad>` row)
   */
  zeroRows: z.array(z.union([z.number().int().min(0), z.string()])).default(() => [0]),
  /**
   * When a vocabulary token has no exact match in the file, take the vector of a file word whose lowercase
   * form equals the token (for a cased file such as GloVe 840B). An exact match always wins over a
   * lowercased one; among lowercased candidates the first in the file wins.
   * @default true
   */
  lowercaseFallback: z.boolean().default(true),
  /**
   * How many absent words `missing` lists (most frequent first).
   * @default 100
   */
  missingLimit: z.number().int().min(0).default(100),
  /**
   * Folder for the aligned-matrix cache. Without it nothing is cached.
   * @default undefined (no cache)
   */
  cacheDir: z.string().min(1).optional(),
  /**
   * How the cache identifies the source file: `stat` (absolute path, size and modification time) or
   * `content` (SHA-256 of the file's bytes: survives copies and touches, costs one read of the file).
   * @default 'stat'
   */
  cacheKey: z.enum(['stat', 'content']).default('stat'),
});

/** Options of loadVectors. */
export const loadVectorsOptionsSchema = readOptionsSchema;

/** loadEmbeddings options as callers write them. */
export type LoadEmbeddingsOptions = z.input<typeof loadEmbeddingsOptionsSchema>;
/** loadEmbeddings options with defaults filled in. */
export type ResolvedEmbeddingsOptions = z.output<typeof loadEmbeddingsOptionsSchema>;
/** loadVectors options as callers write them. */
export type LoadVectorsOptions = z.input<typeof loadVectorsOptionsSchema>;
/** loadVectors options with defaults filled in. */
export type ResolvedVectorsOptions = z.output<typeof loadVectorsOptionsSchema>;

/** Validates options once at the edge; throws INVALID_OPTIONS naming each bad field. */
export function parseOptions<S extends z.ZodType>(schema: S, options: unknown): z.output<S> {
  const parsed = schema.safeParse(options ?? {});
  if (parsed.success) return parsed.data;
  const detail = parsed.error.issues
    .map((i) => `${i.path.join('.') || '(options)'}: ${i.message}`)
    .join('; ');
  throw new EmbeddingsError('INVALID_OPTIONS', `invalid options: ${detail}`, { cause: parsed.error });
}
