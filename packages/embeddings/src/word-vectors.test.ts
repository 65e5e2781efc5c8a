import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { EmbeddingsError } from './errors.ts';
import { cosineSimilarity, WordVectors } from './word-vectors.ts';

const words = ['up', 'down', 'left', 'right', 'upright', 'zero'];
// biome-ignore format: one row per word
const matrix = new Float32Array([
  0, 1,
  0, -1,
  -1, 0,
  1, 0,
  1, 1,
  0, 0,
]);
const v = new WordVectors(words, matrix, 2);

describe('WordVectors', () => {
  test('index, vectors and norms', () => {
    expect(v.size).toBe(6);
    expect(v.has('left')).toBe(true);
    expect(v.has('Left')).toBe(false);
    expect(Array.from(v.vector('upright') ?? [])).toEqual([1, 1]);
    expect(v.vector('nope')).toBeUndefined();
    expect(v.norms[4]).toBeCloseTo(Math.SQRT2, 6);
    expect(v.similarity('up', 'down')).toBeCloseTo(-1, 12);
  });

  test('neighbours of a word leave the word and zero vectors out, most similar first', () => {
    expect(v.neighbours('up', 3)).toEqual([
      { word: 'upright', similarity: expect.closeTo(Math.SQRT1_2, 6) },
      { word: 'left', similarity: 0 },
      { word: 'right', similarity: 0 },
    ]);
    expect(v.neighbours('up', 100).map((n) => n.word)).toEqual(['upright', 'left', 'right', 'down']);
    expect(v.neighbours('up', 0)).toEqual([]);
  });

  test('neighbours of a vector', () => {
    expect(v.neighbours([2, 0.1], 2).map((n) => n.word)).toEqual(['right', 'upright']);
    expect(v.neighbours([0, 0], 2)).toEqual([]);
  });

  test('agree with sorting every cosine', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.float({ min: -10, max: 10, noNaN: true }), { minLength: 3, maxLength: 3 }), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.integer({ min: 0, max: 50 }),
        (rows, k) => {
          const ws = rows.map((_, i) => `w${i}`);
          const wv = new WordVectors(ws, Float32Array.from(rows.flat()), 3);
          const m = Array.from(wv.matrix);
          const expected = ws
            .map((w, i) => ({ w, i, s: cosineSimilarity(m.slice(0, 3), m.slice(3 * i, 3 * i + 3)) }))
            .filter(({ i }) => i !== 0 && (wv.norms[i] as number) > 0)
            .sort((a, b) => b.s - a.s || a.i - b.i)
            .slice(0, k);
          const got = wv.neighbours('w0', k);
          if ((wv.norms[0] as number) === 0) expect(got).toEqual([]);
          else expect(got.map((n) => n.similarity)).toEqual(expected.map((e) => expect.closeTo(e.s, 5)));
        },
      ),
    );
  });

  test('bad queries are typed errors', () => {
    expect(() => v.neighbours('nope')).toThrow(EmbeddingsError);
    expect(() => v.neighbours('nope')).toThrow(/no vector for "nope"/);
    expect(() => v.neighbours([1, 2, 3])).toThrow(/3 values, not 2/);
    expect(() => v.neighbours('up', -1)).toThrow(/k must be an integer/);
    expect(() => new WordVectors(['a'], new Float32Array(3), 2)).toThrow(/3 values, not 1 × 2/);
    expect(() => cosineSimilarity([1], [1, 2])).toThrow(/lengths 1 and 2/);
  });
});
