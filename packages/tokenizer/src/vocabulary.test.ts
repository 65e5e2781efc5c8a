import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { TokenizerError } from './errors.ts';
import { createTokenizer } from './tokenizer.ts';
import { Vocabulary } from './vocabulary.ts';

const texts = ['the film was good', 'the film was bad', 'a good film', 'Good!'];

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof TokenizerError ? e.code : `not a TokenizerError: ${String(e)}`;
  }
  return undefined;
}

describe('Vocabulary.build', () => {
  test('puts pad at 0 and unk at 1, then tokens by frequency, ties in code point order', async () => {
    const v = await Vocabulary.build(texts);
    // good 3, film 3, the 2, was 2, then singletons: ! a bad
    expect(v.tokens).toEqual(['<pad>', '<unk>', 'film', 'good', 'the', 'was', '!', 'a', 'bad']);
    expect([v.padId, v.unkId, v.size]).toEqual([0, 1, 9]);
    expect(v.frequencyOf('good')).toBe(3);
    expect(v.frequencyOf('missing')).toBe(0);
    expect(v.stats).toEqual({ documents: 4, tokens: 13, types: 7, minFreq: 1, maxSize: null });
  });

  test('minFreq drops rare tokens, which then count towards unk', async () => {
    const v = await Vocabulary.build(texts, { minFreq: 2 });
    expect(v.tokens).toEqual(['<pad>', '<unk>', 'film', 'good', 'the', 'was']);
    expect(v.idOf('bad')).toBe(v.unkId);
    expect(v.frequencyOf('<unk>')).toBe(3);
    expect(v.frequencyOf('<pad>')).toBe(0);
  });

  test('maxSize counts the specials and keeps the most frequent tokens', async () => {
    const v = await Vocabulary.build(texts, { maxSize: 4 });
    expect(v.tokens).toEqual(['<pad>', '<unk>', 'film', 'good']);
    expect(v.frequencyOf('<unk>')).toBe(13 - 6);
  });

  test('takes custom specials, a filter and a configured tokenizer', async () => {
    const v = await Vocabulary.build(texts, {
      specials: { pad: '[PAD]', unk: '[UNK]' },
      filter: (token) => token !== 'the',
      tokenizer: createTokenizer({ lowercase: false }),
    });
    expect(v.tokens.slice(0, 2)).toEqual(['[PAD]', '[UNK]']);
    expect(v.has('the')).toBe(false);
    expect(v.has('Good')).toBe(true);
    expect(v.idOf('[UNK]')).toBe(1);
  });

  test('reads async iterables in one pass and gives the same vocabulary', async () => {
    let pulls = 0;
    async function* stream() {
      for (const t of texts) {
        pulls++;
        yield t;
      }
    }
    const fromAsync = await Vocabulary.build(stream());
    expect(pulls).toBe(texts.length);
    expect(fromAsync.toJSON()).toEqual((await Vocabulary.build(texts)).toJSON());
  });

  test('gives the same ids whatever the order of the texts', async () => {
    const words = fc.constantFrom('good', 'bad', 'film', 'plot', 'café', '😀', '!', "isn't", 'u.s.');
    const corpus = fc.array(
      fc.array(words, { maxLength: 8 }).map((ws) => ws.join(' ')),
      { maxLength: 12 },
    );
    await fc.assert(
      fc.asyncProperty(
        corpus.chain((c) => fc.tuple(fc.constant(c), fc.shuffledSubarray(c, { minLength: c.length }))),
        async ([a, b]) => {
          expect((await Vocabulary.build(b)).tokens).toEqual((await Vocabulary.build(a)).tokens);
        },
      ),
      { numRuns: 50 },
    );
  });

  test('rejects bad options and inputs with typed errors', async () => {
    await expect(Vocabulary.build(texts, { minFreq: 0 })).rejects.toMatchObject({
      code: 'INVALID_OPTIONS',
      message: expect.stringMatching(/minFreq/),
    });
    await expect(Vocabulary.build(texts, { maxSize: 1 })).rejects.toMatchObject({ code: 'INVALID_OPTIONS' });
    await expect(Vocabulary.build(texts, { specials: { pad: 'x', unk: 'x' } })).rejects.toMatchObject({
      code: 'INVALID_OPTIONS',
      message: expect.stringMatching(/different/),
    });
    await expect(Vocabulary.build('just one string' as never)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(Vocabulary.build(['ok', 3] as never)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/Text 1 is number/),
    });
  });
});

describe('Vocabulary.fromCounts', () => {
  test('orders ties by code point, not UTF-16 unit', () => {
    const v = Vocabulary.fromCounts([
      ['\u{1f600}', 2],
      ['\ufffd', 2],
      ['b', 2],
      ['a', 5],
    ]);
    expect(v.tokens).toEqual(['<pad>', '<unk>', 'a', 'b', '\ufffd', '\u{1f600}']);
  });

  test('rejects bad counts', () => {
    expect(codeOf(() => Vocabulary.fromCounts([['a', -1]]))).toBe('INVALID_INPUT');
    expect(codeOf(() => Vocabulary.fromCounts([['a', 1.5]]))).toBe('INVALID_INPUT');
  });
});

describe('lookups', () => {
  const v = Vocabulary.fromCounts(new Map([['good', 3]]));
  test('idOf gives unk for unknown tokens and tokenOf inverts it', () => {
    expect(v.idOf('good')).toBe(2);
    expect(v.idOf('nope')).toBe(1);
    expect(v.tokenOf(2)).toBe('good');
    expect(v.tokenOf(0)).toBe('<pad>');
  });
  test('tokenOf rejects ids outside the vocabulary', () => {
    for (const id of [-1, 3, 1.5, Number.NaN]) expect(codeOf(() => v.tokenOf(id))).toBe('INVALID_INPUT');
  });
  test('tokens is read-only', () => {
    expect(Object.isFrozen(v.tokens)).toBe(true);
  });
});

describe('JSON form', () => {
  test('round-trips through JSON text', async () => {
    const v = await Vocabulary.build(texts, { minFreq: 2 });
    const back = Vocabulary.fromJSON(JSON.parse(JSON.stringify(v)));
    expect(back.toJSON()).toEqual(v.toJSON());
    expect(back.idOf('was')).toBe(v.idOf('was'));
    expect(v.toJSON()).toMatchObject({ format: 'sentikit-vocabulary', version: 1 });
  });

  const good = () => Vocabulary.fromCounts([['a', 2]]).toJSON() as unknown as Record<string, unknown>;
  test.each([
    ['not an object', () => [1, 2], 'INVALID_FORMAT', /must be a JSON object, got an array/],
    ['another format', () => ({ ...good(), format: 'x' }), 'INVALID_FORMAT', /"format" is "x"/],
    ['no format', () => ({ version: 1 }), 'INVALID_FORMAT', /"format" is missing/],
    ['no version', () => ({ ...good(), version: '1' }), 'INVALID_FORMAT', /no numeric "version"/],
    [
      'a newer version',
      () => ({ ...good(), version: 2 }),
      'UNSUPPORTED_VERSION',
      /version 2.*reads version 1/,
    ],
    [
      'a token of wrong type',
      () => ({ ...good(), tokens: ['<pad>', '<unk>', 5] }),
      'INVALID_FORMAT',
      /tokens\[2\]/,
    ],
    [
      'short frequencies',
      () => ({ ...good(), frequencies: [0] }),
      'INVALID_FORMAT',
      /frequencies: has 1 entries/,
    ],
    [
      'misplaced specials',
      () => ({ ...good(), tokens: ['<unk>', '<pad>', 'a'] }),
      'INVALID_FORMAT',
      /specials/,
    ],
    [
      'a duplicate token',
      () => ({ ...good(), tokens: ['<pad>', '<unk>', '<pad>'] }),
      'INVALID_FORMAT',
      /duplicate token "<pad>"/,
    ],
    ['an unknown field', () => ({ ...good(), extra: 1 }), 'INVALID_FORMAT', /extra/],
  ])('rejects %s', (_name, make, code, message) => {
    expect(() => Vocabulary.fromJSON(make())).toThrow(message);
    expect(codeOf(() => Vocabulary.fromJSON(make()))).toBe(code);
  });
});
