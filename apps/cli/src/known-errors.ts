import { DatasetError } from '@sentikit/datasets';
import { EmbeddingsError } from '@sentikit/embeddings';
import { SentimentError } from '@sentikit/sentiment';
import { CliError, exitCodeFor } from './errors.ts';

/** Embeddings codes that are about the user's file, not a fault of ours. */
const embeddingsFileCodes = new Set<string>([
  'FILE_NOT_FOUND',
  'READ_FAILED',
  'EMPTY_FILE',
  'BAD_HEADER',
  'HEADER_MISMATCH',
  'INCONSISTENT_DIM',
  'MISSING_VALUES',
  'BAD_NUMBER',
  'NON_FINITE',
  'TRUNCATED',
  'CORRUPT_GZIP',
  'LINE_TOO_LONG',
]);

/**
 * The one-line message and exit code of an expected failure (a usage, data, embeddings, model or checkpoint
 * problem, or an interruption), or `undefined` for an internal fault.
 */
export function describeKnownError(error: unknown): { message: string; exitCode: 1 | 130 | 143 } | undefined {
  if (error instanceof CliError) return { message: error.message, exitCode: exitCodeFor[error.code] };
  if (error instanceof DatasetError) return { message: error.message, exitCode: 1 };
  if (error instanceof EmbeddingsError && embeddingsFileCodes.has(error.code)) {
    return {
      message: `${error.message} (the --embeddings file: fix it, or pass another word-vectors file)`,
      exitCode: 1,
    };
  }
  if (error instanceof SentimentError && error.code !== 'ABORTED') {
    return { message: error.message, exitCode: 1 };
  }
  return undefined;
}
