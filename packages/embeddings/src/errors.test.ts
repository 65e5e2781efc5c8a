import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { tempDir, word2vecBinary, writeFixture } from '../test/helpers.ts';
import { EmbeddingsError, EmbeddingsFormatError } from './errors.ts';
import { loadEmbeddings } from './load-embeddings.ts';
import { loadVectors } from './load-vectors.ts';

const dir = tempDir();

async function formatError(file: string, options: Parameters<typeof loadVectors>[1] = {}) {
  const err = await loadVectors(file, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(EmbeddingsFormatError);
  return err as EmbeddingsFormatError;
}

describe('text formats: each problem is an EmbeddingsFormatError with its line', () => {
  test.each([
    ['an empty file', '', 'EMPTY_FILE', undefined, /no vectors/],
    ['a file of blank lines', '\n \r\n\n', 'EMPTY_FILE', undefined, /no vectors/],
    [
      'inconsistent dimensions',
      'a 1 2 3\nb 1 2 3\nc 1 2\n',
      'INCONSISTENT_DIM',
      3,
      /2 values after "c" where earlier lines have 3/,
    ],
    ['too many values', 'a 1 2\nb 1 2 3\n', 'INCONSISTENT_DIM', 2, /3 values after "b"/],
    ['a non-numeric value', 'a 1 2\nb 1 x2\n', 'BAD_NUMBER', 2, /value 2 of "b" is not a number: "x2"/],
    ['a number with junk', 'a 1 2\n\nb 1 2.5.1\n', 'BAD_NUMBER', 3, /"2\.5\.1"/],
    ['NaN', 'a 1 2\nb nan 2\n', 'NON_FINITE', 2, /value 1 of "b" is not finite in float32: "nan"/],
    ['infinity', 'a 1 2\nb 1 -inf\n', 'NON_FINITE', 2, /"-inf"/],
    ['float32 overflow', 'a 1 1e39\n', 'NON_FINITE', 1, /"1e39"/],
    ['a word without values', 'a\nb 1 2\n', 'MISSING_VALUES', 1, /"a" has no values/],
    ['a line starting with a space', 'a 1 2\n 1 2\n', 'MISSING_VALUES', 2, /no word/],
    [
      'header count too small',
      '1 2\na 1 2\nb 1 2\n',
      'HEADER_MISMATCH',
      3,
      /announces 1 words but there are more/,
    ],
    [
      'header count too large',
      '3 2\na 1 2\nb 1 2\n',
      'HEADER_MISMATCH',
      3,
      /announces 3 words but the file has 2/,
    ],
    [
      'header dim disagrees',
      '2 3\na 1 2\nb 1 2\n',
      'HEADER_MISMATCH',
      2,
      /header says dim 3 but the first vector has 2/,
    ],
    ['header with dim 0', '5 0\na 1\n', 'BAD_HEADER', 1, /unusable header/],
    ['header with a huge dim', '0 999999999\n', 'BAD_HEADER', 1, /dim must be 1 to 1048576/],
  ])('%s', async (_, content, code, line, message) => {
    for (const crlf of [false, true]) {
      const err = await formatError(writeFixture(dir, crlf ? content.replace(/\n/g, '\r\n') : content));
      expect(err.code).toBe(code);
      expect(err.line).toBe(line);
      expect(err.byteOffset).toBeUndefined();
      expect(err.message).toMatch(message);
      expect(err.file).toMatch(/fixture-\d+\.txt$/);
    }
  });

  test('the line number counts lines across chunk boundaries, gzip included', async () => {
    const lines = Array.from({ length: 500 }, (_, i) => `w${i} 0.5 -1.25 3e-05`);
    lines[417] = 'w417 0.5 -1.25';
    for (const gzip of [false, true]) {
      const err = await formatError(writeFixture(dir, `${lines.join('\n')}\n`, { gzip }), { chunkSize: 97 });
      expect([err.code, err.line]).toEqual(['INCONSISTENT_DIM', 418]);
    }
  });

  test('forcing a header format on a GloVe file fails on line 1', async () => {
    const err = await formatError(writeFixture(dir, 'a 1 2\n'), { format: 'word2vec-text' });
    expect([err.code, err.line]).toEqual(['BAD_HEADER', 1]);
  });

  test('lines of words outside the vocabulary are still checked for their dimension', async () => {
    const file = writeFixture(dir, 'a 1 2\nb 1 2 3\n');
    const err = await loadEmbeddings(file, { vocabulary: { tokens: ['<pad>', 'a'] } }).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: 'INCONSISTENT_DIM', line: 2 });
  });
});

describe('word2vec binary: problems carry the byte offset', () => {
  const good = word2vecBinary(
    ['ab', 'c'],
    [
      [1, 2],
      [3, 4],
    ],
  );

  test('a file cut inside a record is TRUNCATED at its length', async () => {
    for (const cut of [good.length - 2, good.length - 5, 9, 8]) {
      const err = await formatError(writeFixture(dir, good.subarray(0, cut)));
      expect(err.code).toBe('TRUNCATED');
      expect(err.byteOffset).toBe(cut);
      expect(err.message).toMatch(/announces 2 words, the file ends in record/);
    }
  });

  test('fewer records than the header announces is TRUNCATED', async () => {
    const err = await formatError(writeFixture(dir, word2vecBinary(['ab'], [[1, 2]], true, '2 2\n')));
    expect([err.code, err.byteOffset]).toEqual(['TRUNCATED', 4 + 3 + 8 + 1]);
  });

  test('data after the announced records is a HEADER_MISMATCH where it starts', async () => {
    const bytes = Buffer.concat([
      word2vecBinary(
        ['ab', 'c'],
        [
          [1, 2],
          [3, 4],
        ],
        true,
        '1 2\n',
      ),
    ]);
    const err = await formatError(writeFixture(dir, bytes), { format: 'word2vec-binary' });
    expect([err.code, err.byteOffset]).toEqual(['HEADER_MISMATCH', 4 + 3 + 8 + 1]);
  });

  test('a NaN value is NON_FINITE at its byte', async () => {
    const bytes = word2vecBinary(
      ['ab', 'c'],
      [
        [1, 2],
        [3, Number.NaN],
      ],
    );
    const err = await formatError(writeFixture(dir, bytes));
    expect([err.code, err.byteOffset]).toEqual(['NON_FINITE', 4 + 3 + 8 + 1 + 2 + 4]);
  });

  test('a header dim larger than the records is caught (TRUNCATED)', async () => {
    const bytes = word2vecBinary(
      ['ab', 'c'],
      [
        [1, 2],
        [3, 4],
      ],
      true,
      '2 3\n',
    );
    const err = await formatError(writeFixture(dir, bytes), { format: 'word2vec-binary' });
    expect(err.code).toBe('TRUNCATED');
  });
});

describe('gzip', () => {
  test('a truncated gzip stream is TRUNCATED, corrupt gzip data is CORRUPT_GZIP', async () => {
    const gz = gzipSync(Buffer.from('a 1 2\nb 3 4\n'.repeat(200)));
    expect((await formatError(writeFixture(dir, gz.subarray(0, gz.length - 20)))).code).toBe('TRUNCATED');
    const bad = Buffer.from(gz);
    bad.fill(0xff, 12, 40);
    expect((await formatError(writeFixture(dir, bad))).code).toBe('CORRUPT_GZIP');
  });

  test('an empty gzip member is an EMPTY_FILE', async () => {
    expect((await formatError(writeFixture(dir, '', { gzip: true }))).code).toBe('EMPTY_FILE');
  });
});

describe('other errors are EmbeddingsError with a code', () => {
  const file = writeFixture(dir, '<pad> 1 2\na 1 2\n');

  test.each([
    ['a missing file', () => loadVectors(join(dir, 'nope.txt')), 'FILE_NOT_FOUND', /no such file/],
    ['a folder', () => loadVectors(dir), 'READ_FAILED', /not a regular file/],
    ['an unknown option', () => loadVectors(file, { formt: 'glove' } as never), 'INVALID_OPTIONS', /formt/],
    ['a bad format', () => loadVectors(file, { format: 'csv' as never }), 'INVALID_OPTIONS', /format/],
    ['no vocabulary', () => loadEmbeddings(file, {} as never), 'INVALID_OPTIONS', /vocabulary/],
    [
      'a bad oov',
      () => loadEmbeddings(file, { vocabulary: { tokens: [] }, oov: 'x' as never }),
      'INVALID_OPTIONS',
      /oov/,
    ],
    [
      'duplicate tokens',
      () => loadEmbeddings(file, { vocabulary: { tokens: ['a', 'b', 'a'] } }),
      'INVALID_VOCABULARY',
      /"a" appears at rows 0 and 2/,
    ],
    [
      'frequencies of the wrong length',
      () => loadEmbeddings(file, { vocabulary: { tokens: ['a'], frequencies: [1, 2] } }),
      'INVALID_VOCABULARY',
      /1 tokens but 2 frequencies/,
    ],
    [
      'a negative frequency',
      () => loadEmbeddings(file, { vocabulary: { tokens: ['a'], frequencies: [-1] } }),
      'INVALID_VOCABULARY',
      /frequency 0 is -1/,
    ],
    [
      'a zero row that is not a token',
      () => loadEmbeddings(file, { vocabulary: { tokens: ['a'] }, zeroRows: ['<pad>'] }),
      'INVALID_OPTIONS',
      /"<pad>" is not a token/,
    ],
    [
      'a zero row past the vocabulary',
      () => loadEmbeddings(file, { vocabulary: { tokens: ['a'] }, zeroRows: [3] }),
      'INVALID_OPTIONS',
      /row 3 is past/,
    ],
  ])('%s', async (_, run, code, message) => {
    const err = await run().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EmbeddingsError);
    expect(err).not.toBeInstanceOf(EmbeddingsFormatError);
    expect(err).toMatchObject({ code, name: 'EmbeddingsError' });
    expect((err as Error).message).toMatch(message);
  });

  test('format errors are EmbeddingsErrors too', () => {
    const err = new EmbeddingsFormatError(
      'BAD_NUMBER',
      { file: 'f.txt', line: 3 },
      'value 1 of "a" is not a number',
    );
    expect(err).toBeInstanceOf(EmbeddingsError);
    expect(err.name).toBe('EmbeddingsFormatError');
    expect(err.message).toBe('f.txt:3: value 1 of "a" is not a number');
    expect(statSync(dir).isDirectory()).toBe(true);
    writeFileSync(join(dir, 'unused'), '');
  });
});
