import { describe, expect, test } from 'vitest';
import { word2vecBinary } from '../test/helpers.ts';
import { detectFormat } from './detect-format.ts';

describe('detectFormat', () => {
  test.each([
    ['the 0.1 -0.2\n, 0.3 0.4\n', 'glove'],
    ['the 0.1 -0.2', 'glove'],
    ['\ufeffthe 0.1 -0.2\n', 'glove'],
    ['2 2\nthe 0.1 -0.2\n, 0.3 0.4\n', 'word2vec-text'],
    ['2 2\r\nthe 0.1 -0.2\r\n', 'word2vec-text'],
    ['2 2\nthe 0.1 -0.2 \n, 0.3 0.4 \n', 'fasttext-vec'],
    ['2 2\r\nthe 0.1 -0.2 \r\n', 'fasttext-vec'],
    ['0 300\n', 'word2vec-text'],
    ['2 2 2\nthe 0.1\n', 'glove'],
    ['', undefined],
    [' \n\r\n', undefined],
  ])('%j → %s', (content, format) => {
    expect(detectFormat(Buffer.from(content))).toBe(format);
  });

  test('binary records are told apart from text by their non-text bytes', () => {
    expect(
      detectFormat(
        word2vecBinary(
          ['the', 'of'],
          [
            [0.5, -1],
            [2, 3],
          ],
        ),
      ),
    ).toBe('word2vec-binary');
    expect(detectFormat(word2vecBinary(['日本'], [[1e-3, 7]], false))).toBe('word2vec-binary');
  });
});
