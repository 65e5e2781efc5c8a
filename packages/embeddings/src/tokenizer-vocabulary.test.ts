import { Vocabulary } from '@sentikit/tokenizer';
import { expect, test } from 'vitest';
import { row, testTempDir, writeFixture } from '../test/helpers.ts';
import { loadEmbeddings } from './load-embeddings.ts';

test("@sentikit/tokenizer's Vocabulary is accepted as is (tokens + frequencyOf)", async () => {
  const vocabulary = Vocabulary.fromCounts(
    new Map([
      ['good', 30],
      ['film', 20],
      ['zzyzx', 10],
    ]),
  );
  const file = writeFixture(testTempDir(), 'film 1 2\ngood 3 4\n<pad> 9 9\n');
  const e = await loadEmbeddings(file, { vocabulary, oov: 'zeros' });
  const at = (t: string) => vocabulary.tokens.indexOf(t);
  expect(row(e.matrix, 2, at('good'))).toEqual([3, 4]);
  expect(row(e.matrix, 2, at('film'))).toEqual([1, 2]);
  expect(row(e.matrix, 2, 0)).toEqual([0, 0]);
  expect(e.found).toBe(2);
  expect(e.coverage.tokens).toBeCloseTo(50 / 60, 12);
  expect(e.missing).toEqual(['zzyzx', '<unk>']);
});
