import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { fixtureVectors, row, tempDir, word2vecBinary, writeFixture } from '../test/helpers.ts';
import type { EmbeddingsFormat } from './detect-format.ts';
import { loadEmbeddings } from './load-embeddings.ts';
import { loadVectors } from './load-vectors.ts';
import { formatFloat32, writeVectors } from './write-vectors.ts';

const dir = tempDir();
const words = ['the', 'café', '日本語', 'naïve', '😀', ',', 'Zürich', 'x'];
const dim = 5;
const matrix = fixtureVectors(words.length, dim, 7);
const formats: EmbeddingsFormat[] = ['glove', 'word2vec-text', 'word2vec-binary', 'fasttext-vec'];

describe('round trips: writeVectors → loadVectors gives back the same float32 vectors', () => {
  for (const format of formats) {
    for (const gzip of [false, true]) {
      test(`${format}${gzip ? ' (gzip)' : ''}, format detected from the content`, async () => {
        const file = join(dir, `rt-${format}-${gzip}.bin`); // the name says nothing about the format
        await writeVectors(file, words, matrix, dim, { format, gzip });
        expect(readFileSync(file)[0] === 0x1f).toBe(gzip);
        const v = await loadVectors(file);
        expect(v.format).toBe(format);
        expect(v.dim).toBe(dim);
        expect(v.words).toEqual(words);
        expect(Array.from(v.matrix)).toEqual(Array.from(matrix));
      });
    }
  }

  test('any chunk size gives the same result (UTF-8 words and lines split across chunks)', async () => {
    const text = join(dir, 'chunks.txt');
    const bin = join(dir, 'chunks.bin');
    await writeVectors(text, words, matrix, dim, { format: 'fasttext-vec' });
    await writeVectors(bin, words, matrix, dim, { format: 'word2vec-binary' });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 300 }), fc.boolean(), async (chunkSize, binary) => {
        const v = await loadVectors(binary ? bin : text, { chunkSize });
        expect(v.words).toEqual(words);
        expect(Array.from(v.matrix)).toEqual(Array.from(matrix));
      }),
      { numRuns: 60 },
    );
  });

  test('the buffer grows past a short estimate and is not fooled by a huge header count', async () => {
    const many = Array.from({ length: 5000 }, (_, i) => `w${i}`);
    const zeros = new Float32Array(many.length * 3);
    const gz = join(dir, 'compressible.gz');
    await writeVectors(gz, many, zeros, 3, { gzip: true }); // compresses far better than 3:1
    const v = await loadVectors(gz);
    expect([v.size, v.words.at(-1), v.matrix.length]).toEqual([5000, 'w4999', 15000]);
    for (const gzip of [false, true]) {
      const liar = writeFixture(dir, '1000000000 300\na 1\n'.replace('1\n', `${'1 '.repeat(300)}\n`), {
        gzip,
      });
      await expect(loadVectors(liar)).rejects.toMatchObject({ code: 'HEADER_MISMATCH', line: 2 });
    }
  });

  test('formatFloat32 writes the shortest decimal that reads back as the same float32', () => {
    fc.assert(
      fc.property(fc.float({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const s = formatFloat32(x);
        expect(Object.is(Math.fround(Number.parseFloat(s)), Math.fround(x))).toBe(true);
        expect(s.replace(/^-|e.*$|\./g, '').replace(/^0+|0+$/g, '').length).toBeLessThanOrEqual(9);
      }),
    );
  });
});

describe('text details', () => {
  const expected = { words: ['a', 'b'], matrix: [1, 2, 3, 4] };
  const load = async (content: string | Buffer, format?: EmbeddingsFormat) => {
    const v = await loadVectors(writeFixture(dir, content), format ? { format } : {});
    return { words: v.words, matrix: Array.from(v.matrix), format: v.format };
  };

  test.each([
    ['LF with trailing newline', 'a 1 2\nb 3 4\n'],
    ['no trailing newline', 'a 1 2\nb 3 4'],
    ['CRLF', 'a 1 2\r\nb 3 4\r\n'],
    ['CRLF without final newline', 'a 1 2\r\nb 3 4'],
    ['blank lines and trailing spaces', '\na 1 2 \n\n  \nb 3 4  \n\n'],
    ['a UTF-8 byte order mark', '\ufeffa 1 2\nb 3 4\n'],
    ['tabs between values', 'a\t1\t2\nb\t3 4\n'],
  ])('%s', async (_, content) => {
    expect(await load(content)).toMatchObject(expected);
  });

  test('duplicate words: the first occurrence wins', async () => {
    expect(await load('a 1 2\nb 3 4\na 9 9\n')).toMatchObject(expected);
  });

  test('words with non-ASCII characters', async () => {
    expect(await load('café 1 2\n日本 3 4\n')).toMatchObject({
      words: ['café', '日本'],
      matrix: [1, 2, 3, 4],
    });
  });

  test('header formats: word2vec text, fastText .vec (trailing space)', async () => {
    expect(await load('2 2\na 1 2\nb 3 4\n')).toEqual({ ...expected, format: 'word2vec-text' });
    expect(await load('2 2\na 1 2 \nb 3 4 \n')).toEqual({ ...expected, format: 'fasttext-vec' });
    expect(await load('2 2\r\na 1 2 \r\nb 3 4 \r\n')).toEqual({ ...expected, format: 'fasttext-vec' });
  });

  test('a header announcing zero words gives an empty set with the header dim', async () => {
    const v = await loadVectors(writeFixture(dir, '0 300\n'));
    expect([v.size, v.dim, v.matrix.length]).toEqual([0, 300, 0]);
  });

  test('word2vec binary with and without the newline after each record', async () => {
    for (const nl of [true, false]) {
      const v = await load(
        word2vecBinary(
          ['a', 'b'],
          [
            [1, 2],
            [3, 4],
          ],
          nl,
        ),
      );
      expect(v).toEqual({ ...expected, format: 'word2vec-binary' });
    }
  });

  test('the format option overrides detection', async () => {
    // "1 1" is read as a header; as GloVe it is the word "1" with one value.
    expect(await load('1 1\n4 2\n')).toEqual({ words: ['4'], matrix: [2], format: 'word2vec-text' });
    expect(await load('1 1\n4 2\n', 'glove')).toEqual({ words: ['1', '4'], matrix: [1, 2], format: 'glove' });
  });
});

describe('progress', () => {
  test('reports increasing bytes read against the file size and ends with (size, size)', async () => {
    for (const gzip of [false, true]) {
      const file = join(dir, `progress-${gzip}`);
      await writeVectors(
        file,
        Array.from({ length: 3000 }, (_, i) => `w${i}`),
        fixtureVectors(3000, 10),
        10,
        { gzip },
      );
      const size = statSync(file).size;
      const calls: [number, number][] = [];
      await loadVectors(file, { chunkSize: 4096, onProgress: (a, b) => calls.push([a, b]) });
      expect(calls.length).toBeGreaterThan(2);
      expect(calls.length).toBeLessThanOrEqual(102);
      expect(calls.every(([, total]) => total === size)).toBe(true);
      expect(calls.map(([a]) => a)).toEqual([...calls.map(([a]) => a)].sort((a, b) => a - b));
      expect(calls.at(-1)).toEqual([size, size]);
    }
  });
});

describe('loadEmbeddings reads every format the same way', () => {
  test('rows follow the vocabulary, whatever the format', async () => {
    const vocabulary = { tokens: ['<pad>', '日本語', 'the', 'absent', 'x'] };
    for (const format of formats) {
      const file = join(dir, `align-${format}`);
      await writeVectors(file, words, matrix, dim, { format, gzip: format === 'glove' });
      const e = await loadEmbeddings(file, { vocabulary, oov: 'zeros' });
      expect(e.format).toBe(format);
      expect(row(e.matrix, dim, 1)).toEqual(row(matrix, dim, 2));
      expect(row(e.matrix, dim, 2)).toEqual(row(matrix, dim, 0));
      expect(row(e.matrix, dim, 4)).toEqual(row(matrix, dim, 7));
      expect(row(e.matrix, dim, 3)).toEqual([0, 0, 0, 0, 0]);
      expect(e.found).toBe(3);
    }
  });
});
