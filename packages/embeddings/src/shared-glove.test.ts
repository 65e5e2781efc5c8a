import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { glovePath, skipWithoutSharedData } from '@sentikit/testkit';
import { beforeAll, describe, expect, test } from 'vitest';
import { sameBits, testTempDir } from '../test/helpers.ts';
import { loadEmbeddings } from './load-embeddings.ts';
import { type LoadedVectors, loadVectors } from './load-vectors.ts';

describe.skipIf(skipWithoutSharedData())(
  'on the shared GloVe 6B 50d file (skipped without the shared data)',
  () => {
    let vectors: LoadedVectors;
    let lines: string[];
    beforeAll(async () => {
      vectors = await loadVectors(glovePath());
      lines = gunzipSync(readFileSync(glovePath())).toString('utf8').split('\n');
    });

    test('holds 50,000 words of 50 dimensions in GloVe format', () => {
      expect(vectors.format).toBe('glove');
      expect([vectors.size, vectors.dim]).toEqual([50000, 50]);
      expect(vectors.words[0]).toBe('the');
    });

    test('every word and value equals the line split on spaces, each value Math.fround(parseFloat)', () => {
      let mismatches = 0;
      for (let i = 0; i < 50000; i++) {
        const [word, ...values] = (lines[i] as string).split(' ');
        if (vectors.words[i] !== word || values.length !== 50) mismatches++;
        values.forEach((s, j) => {
          if (!Object.is(vectors.matrix[i * 50 + j], Math.fround(Number.parseFloat(s)))) mismatches++;
        });
      }
      expect(mismatches).toBe(0);
    });

    test('cosine(good, great) > cosine(good, table), and good’s neighbours make sense', () => {
      expect(vectors.similarity('good', 'great')).toBeGreaterThan(vectors.similarity('good', 'table'));
      expect(vectors.neighbours('good', 10).map((n) => n.word)).toContain('better');
    });

    test('aligned to a vocabulary, with the cache', async () => {
      const vocabulary = {
        tokens: ['<pad>', '<unk>', 'good', 'great', 'table', 'notawordinglove'],
        frequencies: [0, 0, 50, 30, 10, 10],
      };
      const cacheDir = testTempDir();
      const a = await loadEmbeddings(glovePath(), { vocabulary, cacheDir, seed: 42 });
      const b = await loadEmbeddings(glovePath(), { vocabulary, cacheDir, seed: 42 });
      expect([a.fromCache, b.fromCache]).toEqual([false, true]);
      expect(sameBits(b.matrix, a.matrix)).toBe(true);
      expect(a.found).toBe(3);
      expect(a.coverage.tokens).toBeCloseTo(90 / 100, 12);
      expect(a.missing).toEqual(['notawordinglove', '<unk>']);
      expect(Array.from(a.matrix.subarray(2 * 50, 3 * 50))).toEqual(Array.from(vectors.vector('good') ?? []));
    });
  },
);
