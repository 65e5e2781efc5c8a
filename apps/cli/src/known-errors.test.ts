import { DatasetError } from '@sentikit/datasets';
import { EmbeddingsError, EmbeddingsFormatError } from '@sentikit/embeddings';
import { SentimentError } from '@sentikit/sentiment';
import { describe, expect, test } from 'vitest';
import { CliError } from './errors.ts';
import { describeKnownError } from './known-errors.ts';

describe('describeKnownError', () => {
  test('user-facing failures of every package are one line and exit 1; interruptions 130 / 143', () => {
    expect(describeKnownError(new DatasetError('BAD_RECORD', 'a.csv:3: bad'))).toEqual({
      message: 'a.csv:3: bad',
      exitCode: 1,
    });
    expect(
      describeKnownError(
        new EmbeddingsFormatError('INCONSISTENT_DIM', { file: 'g.txt', line: 1234 }, 'short row'),
      ),
    ).toEqual({
      message: 'g.txt:1234: short row (the --embeddings file: fix it, or pass another word-vectors file)',
      exitCode: 1,
    });
    expect(describeKnownError(new SentimentError('CHECKPOINT_MISMATCH', 'other run'))?.exitCode).toBe(1);
    expect(describeKnownError(new CliError('INTERRUPTED_SIGINT', 'stopped'))?.exitCode).toBe(130);
    expect(describeKnownError(new CliError('INTERRUPTED_SIGTERM', 'stopped'))?.exitCode).toBe(143);
  });

  test('our own faults stay internal (exit 2 with a stack)', () => {
    expect(describeKnownError(new TypeError('x is undefined'))).toBeUndefined();
    expect(describeKnownError(new EmbeddingsError('INVALID_OPTIONS', 'bad option'))).toBeUndefined();
    expect(describeKnownError(new SentimentError('ABORTED', 'aborted'))).toBeUndefined();
  });
});
