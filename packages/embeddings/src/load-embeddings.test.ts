import { describe, expect, test } from 'vitest';
import { fixtureVectors, row, sameBits, tempDir, writeFixture } from '../test/helpers.ts';
import { loadEmbeddings } from './load-embeddings.ts';
import { writeVectors } from './write-vectors.ts';

const dir = tempDir();
const glove = writeFixture(dir, '<pad> 9 9\nthe 1 2\ngood 3 4\nmovie 5 6\nbad -1 -2\n');

describe('coverage and missing', () => {
  const vocabulary = {
    tokens: ['<pad>', '<unk>', 'the', 'movie', 'good', 'zzz', 'qqq', 'bad', 'www'],
    frequencies: [0, 40, 100, 30, 20, 5, 15, 10, 15],
  };

  test('type and token coverage leave the zero rows out', async () => {
    const e = await loadEmbeddings(glove, { vocabulary, oov: 'zeros' });
    // eligible rows: 1..8 (8 types, 235 tokens); found: the, movie, good, bad (4 types, 160 tokens)
    expect(e.found).toBe(4);
    expect(e.coverage.types).toBeCloseTo(4 / 8, 12);
    expect(e.coverage.tokens).toBeCloseTo(160 / 235, 12);
  });

  test('missing lists absent words by frequency (ties in row order), up to missingLimit', async () => {
    expect((await loadEmbeddings(glove, { vocabulary })).missing).toEqual(['<unk>', 'qqq', 'www', 'zzz']);
    expect((await loadEmbeddings(glove, { vocabulary, missingLimit: 2 })).missing).toEqual(['<unk>', 'qqq']);
    expect((await loadEmbeddings(glove, { vocabulary, missingLimit: 0 })).missing).toEqual([]);
  });

  test('without frequencies: token coverage is null and missing follows row order', async () => {
    const e = await loadEmbeddings(glove, { vocabulary: { tokens: vocabulary.tokens } });
    expect(e.coverage).toEqual({ types: 0.5, tokens: null });
    expect(e.missing).toEqual(['<unk>', 'zzz', 'qqq', 'www']);
  });

  test('zero rows by index or token stay zeros even when the file has the word', async () => {
    const e = await loadEmbeddings(glove, { vocabulary, zeroRows: [0, '<unk>', 'the'], oov: 'mean' });
    for (const r of [0, 1, 2]) expect(row(e.matrix, 2, r)).toEqual([0, 0]);
    expect(e.found).toBe(3);
    expect(e.coverage.types).toBeCloseTo(3 / 6, 12);
    expect(e.missing).not.toContain('<unk>');
    const none = await loadEmbeddings(glove, { vocabulary, zeroRows: [], oov: 'zeros' });
    expect(row(none.matrix, 2, 0)).toEqual([9, 9]);
  });
});

describe('matching words', () => {
  test('an exact match wins over a lowercased one wherever it is in the file; else the first cased one', async () => {
    const cased = writeFixture(dir, 'The 1 1\nGOOD 2 2\nthe 3 3\nGood 4 4\nApple 5 5\n');
    const vocabulary = { tokens: ['<pad>', 'the', 'good', 'apple', 'The'] };
    const e = await loadEmbeddings(cased, { vocabulary, oov: 'zeros' });
    expect([1, 2, 3, 4].map((r) => row(e.matrix, 2, r))).toEqual([
      [3, 3],
      [2, 2],
      [5, 5],
      [1, 1],
    ]);
    const strict = await loadEmbeddings(cased, { vocabulary, oov: 'zeros', lowercaseFallback: false });
    expect([1, 2, 3, 4].map((r) => row(strict.matrix, 2, r))).toEqual([
      [3, 3],
      [0, 0],
      [0, 0],
      [1, 1],
    ]);
    expect(strict.missing).toEqual(['good', 'apple']);
  });

  test('duplicate words: the first occurrence wins', async () => {
    const dup = writeFixture(dir, 'a 1 1\nb 2 2\na 3 3\n');
    const e = await loadEmbeddings(dup, { vocabulary: { tokens: ['<pad>', 'a'] } });
    expect(row(e.matrix, 2, 1)).toEqual([1, 1]);
  });

  test('the vocabulary can be any object with tokens (and frequencies)', async () => {
    class Vocab {
      readonly tokens = ['<pad>', 'good'];
      get frequencies() {
        return new Uint32Array([0, 7]);
      }
    }
    const e = await loadEmbeddings(glove, { vocabulary: new Vocab() });
    expect(e.coverage).toEqual({ types: 1, tokens: 1 });
    expect(e.matrix).toEqual(new Float32Array([0, 0, 3, 4]));
  });
});

describe('rows of absent words', () => {
  const dim = 4;
  const words = Array.from({ length: 400 }, (_, i) => `w${i}`);
  // Columns with distinct means and spreads: x_j = j + (j + 1) * u, u uniform in [-1, 1).
  const base = fixtureVectors(words.length, dim, 3).map((u, k) => (k % dim) + ((k % dim) + 1) * u);
  const stats = (m: Float32Array, rows: number[]) =>
    Array.from({ length: dim }, (_, j) => {
      const xs = rows.map((r) => m[r * dim + j] as number);
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      return { mean, std: Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length) };
    });
  const absent = Array.from({ length: 20000 }, (_, i) => `absent${i}`);
  const vocabulary = { tokens: ['<pad>', ...words, ...absent] };
  const foundRows = words.map((_, i) => i + 1);
  const absentRows = absent.map((_, i) => i + 1 + words.length);
  let file = '';

  test('zeros, mean, and random with the loaded vectors’ per-dimension mean and std', async () => {
    file = `${dir}/oov.txt`;
    await writeVectors(file, words, base, dim);
    const want = stats(
      new Float32Array(base),
      words.map((_, i) => i),
    );

    const zeros = await loadEmbeddings(file, { vocabulary, oov: 'zeros' });
    expect(zeros.matrix.subarray((words.length + 1) * dim).every((x) => x === 0)).toBe(true);

    const mean = await loadEmbeddings(file, { vocabulary, oov: 'mean' });
    for (const r of [absentRows[0] as number, absentRows.at(-1) as number]) {
      row(mean.matrix, dim, r).forEach((x, j) => {
        expect(x).toBeCloseTo(want[j]?.mean as number, 5);
      });
    }

    const random = await loadEmbeddings(file, { vocabulary, oov: 'random', seed: 42 });
    expect(row(random.matrix, dim, 1)).toEqual(row(new Float32Array(base), dim, 0));
    expect(row(random.matrix, dim, 0)).toEqual([0, 0, 0, 0]);
    const got = stats(random.matrix, absentRows);
    got.forEach((g, j) => {
      const w = want[j] as { mean: number; std: number };
      // 20,000 draws: the sample mean is within 4 standard errors, the sample std within 3%.
      expect(Math.abs(g.mean - w.mean)).toBeLessThan((4 * w.std) / Math.sqrt(absent.length));
      expect(g.std / w.std).toBeGreaterThan(0.97);
      expect(g.std / w.std).toBeLessThan(1.03);
    });
    expect(stats(random.matrix, foundRows)[0]?.mean).toBeCloseTo(want[0]?.mean as number, 5);
  });

  test('random rows are deterministic for a seed and differ across seeds', async () => {
    const a = await loadEmbeddings(file, { vocabulary, seed: 7 });
    const b = await loadEmbeddings(file, { vocabulary, seed: 7 });
    const c = await loadEmbeddings(file, { vocabulary, seed: 8 });
    expect(sameBits(b.matrix, a.matrix)).toBe(true);
    expect(sameBits(c.matrix, a.matrix)).toBe(false);
    const loaded = (words.length + 1) * dim;
    expect(sameBits(c.matrix.subarray(0, loaded), a.matrix.subarray(0, loaded))).toBe(true);
  });

  test('with no word found, every strategy gives zero rows', async () => {
    const e = await loadEmbeddings(glove, {
      vocabulary: { tokens: ['<pad>', 'nothing', 'here'] },
      oov: 'random',
    });
    expect(e.found).toBe(0);
    expect(Array.from(e.matrix)).toEqual([0, 0, 0, 0, 0, 0]);
  });
});
