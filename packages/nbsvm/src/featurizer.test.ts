import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { NbSvmError } from './errors.ts';
import { NgramFeaturizer } from './featurizer.ts';
import { extendA, extendB, tokenHashA, tokenHashB } from './ngram-hash.ts';

// Row r as {column: value}, so tests do not depend on column order.
function rowOf(m: ReturnType<typeof NgramFeaturizer.fit>['matrix'], r: number): Map<number, number> {
  const out = new Map<number, number>();
  for (let e = m.indptr[r] as number; e < (m.indptr[r + 1] as number); e++)
    out.set(m.indices[e] as number, m.values ? (m.values[e] as number) : 1);
  return out;
}

// The column of an n-gram given as tokens, found through the featurizer's own vocabulary.
function columnOf(f: NgramFeaturizer, ...tokens: string[]): number {
  let a = tokenHashA(tokens[0] as string);
  let b = tokenHashB(tokens[0] as string);
  for (const t of tokens.slice(1)) {
    a = extendA(a, tokenHashA(t));
    b = extendB(b, tokenHashB(t));
  }
  const v = f.vocabulary;
  if (!v) throw new Error('hashing featurizer');
  for (let c = 0; c < v.keysA.length; c++) if (v.keysA[c] === a && v.keysB[c] === b) return c;
  return -1;
}

describe('vocabulary mode', () => {
  test('every 1..n-gram of the tokens is a feature, each once per text (binary)', () => {
    const { featurizer, matrix } = NgramFeaturizer.fit(['Good good film.'], { ngrams: 2 });
    // tokens: good good film . → unigrams good, film, . ; bigrams good good, good film, film .
    expect(featurizer.numFeatures).toBe(6);
    expect(matrix.values).toBeNull();
    expect([...rowOf(matrix, 0).keys()].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    for (const gram of [['good'], ['film'], ['.'], ['good', 'good'], ['good', 'film'], ['film', '.']])
      expect(columnOf(featurizer, ...gram)).toBeGreaterThanOrEqual(0);
    expect(columnOf(featurizer, 'film', 'good')).toBe(-1);
  });

  test('counts when binary is false', () => {
    const { featurizer, matrix } = NgramFeaturizer.fit(['a a a b', 'b'], { ngrams: 1, binary: false });
    const row = rowOf(matrix, 0);
    expect(row.get(columnOf(featurizer, 'a'))).toBe(3);
    expect(row.get(columnOf(featurizer, 'b'))).toBe(1);
    expect(rowOf(matrix, 1).get(columnOf(featurizer, 'b'))).toBe(1);
    expect(featurizer.transform(['b b a']).values).toEqual(new Float32Array([2, 1]));
  });

  test('minDf drops n-grams in too few texts', () => {
    const { featurizer, matrix } = NgramFeaturizer.fit(['a b', 'a c', 'a b d'], { ngrams: 1, minDf: 2 });
    expect(featurizer.numFeatures).toBe(2);
    expect(columnOf(featurizer, 'c')).toBe(-1);
    expect(rowOf(matrix, 2).size).toBe(2);
  });

  test('maxFeatures keeps the most frequent, ties in first-seen order', () => {
    const { featurizer } = NgramFeaturizer.fit(['x y z', 'z w', 'w v', 'z'], { ngrams: 1, maxFeatures: 3 });
    // df: z 3, w 2, then x, y, v at 1: x is first seen
    expect(featurizer.numFeatures).toBe(3);
    expect(['x', 'y', 'z', 'w', 'v'].map((t) => columnOf(featurizer, t) >= 0)).toEqual([
      true,
      false,
      true,
      true,
      false,
    ]);
  });

  test('transform drops unknown n-grams and agrees with the fitted matrix', () => {
    const texts = ['The plot was thin.', 'A thin, dull plot!', 'Great acting.'];
    const { featurizer, matrix } = NgramFeaturizer.fit(texts, { ngrams: 3 });
    const again = featurizer.transform(texts);
    expect(again.indptr).toEqual(matrix.indptr);
    for (let r = 0; r < texts.length; r++) expect(rowOf(again, r)).toEqual(rowOf(matrix, r));
    expect(featurizer.transform(['zebra quagga']).indices).toHaveLength(0);
  });

  test('a rebuilt featurizer from the vocabulary gives the same rows', () => {
    const texts = ['one two three', 'two three four'];
    const { featurizer } = NgramFeaturizer.fit(texts, { ngrams: 2 });
    const v = featurizer.vocabulary;
    const copy = NgramFeaturizer.fromVocabulary(
      { ngrams: 2 },
      v && { keysA: v.keysA.slice(), keysB: v.keysB.slice() },
    );
    expect(copy.transform(texts)).toEqual(featurizer.transform(texts));
  });
});

describe('hashing mode', () => {
  test('columns are deterministic and within 2^bits', () => {
    const texts = ['A film I loved, really loved.', 'Awful.'];
    const a = NgramFeaturizer.fit(texts, { hashingBits: 12 });
    const b = NgramFeaturizer.fromVocabulary({ hashingBits: 12 }, null);
    expect(a.featurizer.numFeatures).toBe(4096);
    expect(a.featurizer.vocabulary).toBeNull();
    expect(b.transform(texts)).toEqual(a.matrix);
    expect(Math.max(...a.matrix.indices)).toBeLessThan(4096);
  });

  test('property: a row never repeats a column and binary values are 1', () => {
    const f = NgramFeaturizer.fromVocabulary({ hashingBits: 8, ngrams: 3 }, null);
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', 'c', 'not', 'good', '!'), { maxLength: 60 }),
        (words) => {
          const row = f.row(words.join(' '));
          const cols = [...row.indices.subarray(0, row.length)];
          expect(new Set(cols).size).toBe(cols.length);
          expect(row.tokens).toBe(words.length);
          expect([...row.values.subarray(0, row.length)].every((v) => v === 1)).toBe(true);
        },
      ),
    );
  });
});

test('a text that is not a string is a clear error', () => {
  const { featurizer } = NgramFeaturizer.fit(['ok'], {});
  expect(() => featurizer.transform(['ok', 3 as unknown as string])).toThrow(NbSvmError);
  expect(() => featurizer.transform([null as unknown as string])).toThrow(/Text 0 is null, not a string/);
  expect(() => NgramFeaturizer.fit([], { ngrams: 0 })).toThrow(/Invalid NB-SVM option ngrams/);
});
