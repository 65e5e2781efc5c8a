import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { SentiTokenizer } from './senti-tokenizer.ts';
import { createTokenizer } from './tokenizer.ts';
import { Vocabulary } from './vocabulary.ts';

/** Review-like text: words, clitics, markup, entities, curly quotes, C1 dashes, emoji and random Unicode. */
const fragment = fc.oneof(
  fc.constantFrom(
    'good',
    'Film',
    "don't",
    'It\u2019s',
    "can't",
    'U.S.',
    'e-mail',
    '3.5',
    'caf\u00e9',
    '<br />',
    '<i>',
    '&amp;',
    '&#233;',
    '\u0096',
    '\u0085',
    '\ud83d\udc4d\ud83c\udffd',
    '\ud83d\udc69\u200d\ud83d\udc67',
    '\ud83c\uddeb\ud83c\uddf7',
    'https://x.org/a.',
    '\u200b',
    'e\u0301',
  ),
  fc.constantFrom(' ', '  ', '.', ',', '-', "'", '\u2019', '!', '\t', '\u00a0'),
  fc.string({ unit: 'binary', maxLength: 4 }),
  fc.string({ unit: 'grapheme', maxLength: 4 }),
);
const text = fc.array(fragment, { maxLength: 24 }).map((parts) => parts.join(''));

const IGNORABLE = /^[\s\p{Cc}\p{Cf}\p{M}]$/u;
const SEPARATOR = /[\s\p{Cc}]/u;

describe('tokenize invariants', () => {
  test('never returns empty tokens or tokens with whitespace or control characters', () => {
    const tokenizers = [
      createTokenizer(),
      createTokenizer({ lowercase: false, nfkc: false, mapControls: false, normalizeApostrophes: false }),
      createTokenizer({ replaceUrls: true, replaceNumbers: true, markNegation: true }),
    ];
    fc.assert(
      fc.property(text, (t) => {
        for (const tokenizer of tokenizers) {
          for (const token of tokenizer.tokenize(t)) {
            expect(token.length).toBeGreaterThan(0);
            expect(token).not.toMatch(SEPARATOR);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  test('the tokens, in order, are the normalised text minus only separators and stray marks', () => {
    const tokenizer = createTokenizer();
    fc.assert(
      fc.property(text, (t) => {
        const normalized = tokenizer.normalize(t);
        let at = 0;
        for (const token of tokenizer.tokenize(t)) {
          const found = normalized.indexOf(token, at);
          expect(found).toBeGreaterThanOrEqual(0);
          // Everything skipped between tokens is whitespace, a control or format character, or a lone mark.
          for (const ch of normalized.slice(at, found)) expect(ch).toMatch(IGNORABLE);
          at = found + token.length;
        }
        for (const ch of normalized.slice(at)) expect(ch).toMatch(IGNORABLE);
      }),
      { numRuns: 300 },
    );
  });

  test('tokenising is idempotent on the tokens joined by spaces', () => {
    const tokenizer = createTokenizer();
    fc.assert(
      fc.property(text, (t) => {
        const tokens = tokenizer.tokenize(t);
        expect(tokenizer.tokenize(tokens.join(' '))).toEqual(tokens);
      }),
      { numRuns: 300 },
    );
  });
});

describe('encoding invariants', () => {
  const corpus = fc.array(text, { minLength: 1, maxLength: 8 });

  test('decode(encode(x)) gives back in-vocabulary tokens exactly', async () => {
    await fc.assert(
      fc.asyncProperty(corpus, fc.array(fc.nat(), { maxLength: 20 }), async (texts, picks) => {
        const senti = await SentiTokenizer.train(texts);
        const known = senti.vocabulary.tokens.slice(2);
        if (known.length === 0) return;
        const tokens = picks.map((p) => known[p % known.length] as string);
        const ids = senti.encode(tokens.join(' '));
        expect(senti.decode(ids)).toEqual(tokens);
        expect([...ids].every((id) => id >= 2)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  test('encode equals the vocabulary ids of tokenize, for any text and a partial vocabulary', async () => {
    const senti = new SentiTokenizer(
      await Vocabulary.build(['good film, don\u2019t; u.s. e-mail caf\u00e9 \ud83d\udc4d \u00e9 . ! x']),
    );
    fc.assert(
      fc.property(text, (t) => {
        expect([...senti.encode(t)]).toEqual(senti.tokenize(t).map((token) => senti.vocabulary.idOf(token)));
      }),
      { numRuns: 300 },
    );
  });

  test('every batch row equals the single encoding, padded or truncated as asked', async () => {
    const senti = await SentiTokenizer.train(['good bad film plot the a , .']);
    const options = fc.record({
      maxLength: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
      padding: fc.constantFrom('post' as const, 'pre' as const),
      truncation: fc.constantFrom('post' as const, 'pre' as const, 'head+tail' as const),
    });
    fc.assert(
      fc.property(fc.array(text, { maxLength: 6 }), options, (texts, o) => {
        const batch = senti.encodeBatch(texts, o);
        const singles = texts.map((t) => senti.encode(t));
        const longest = Math.max(0, ...singles.map((s) => s.length));
        const L = o.maxLength === undefined ? longest : Math.min(o.maxLength, longest);
        expect(batch.sequenceLength).toBe(L);
        expect(batch.ids.length).toBe(texts.length * L);
        singles.forEach((single, r) => {
          const row = [...batch.ids.subarray(r * L, (r + 1) * L)];
          const n = Math.min(single.length, L);
          const head = Math.floor(L / 4);
          const kept =
            single.length <= L
              ? [...single]
              : o.truncation === 'post'
                ? [...single.subarray(0, L)]
                : o.truncation === 'pre'
                  ? [...single.subarray(single.length - L)]
                  : [...single.subarray(0, head), ...single.subarray(single.length - (L - head))];
          const pad = new Array<number>(L - n).fill(0);
          expect(row).toEqual(o.padding === 'post' ? [...kept, ...pad] : [...pad, ...kept]);
          expect(batch.lengths[r]).toBe(n);
          expect(batch.tokenCounts[r]).toBe(single.length);
          expect(batch.truncated[r]).toBe(single.length > L);
        });
      }),
      { numRuns: 200 },
    );
  });
});
