import { readImdb, skipWithoutSharedData } from '@sentikit/testkit';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { assembleScanner } from '../scripts/assemble-scanner.ts';
import { ASCII_CLASS, SPACE, WORD } from './char-classes.ts';
import { MAX_SCAN_LENGTH } from './fast-scanner.ts';
import { parseTokenizerOptions, type TokenizerOptionsInput } from './options.ts';
import { scannerBase64 } from './scanner-binary.ts';
import { INTERN_LAYOUT } from './scanner-layout.ts';
import { SentiTokenizer } from './senti-tokenizer.ts';
import { TokenizerCore } from './tokenizer-core.ts';
import { Vocabulary } from './vocabulary.ts';

/** The scanner path and the JavaScript splitter alone (the reference) for the same options. */
function pair(options: TokenizerOptionsInput = {}): { fast: TokenizerCore; reference: TokenizerCore } {
  const parsed = parseTokenizerOptions(options);
  return { fast: new TokenizerCore(parsed), reference: new TokenizerCore(parsed, false) };
}

/** ASCII-heavy review text with every rule's trigger, long runs and some Unicode, joined without spaces too. */
const fragment = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^[a-zA-Z0-9]{1,12}$/) },
  { weight: 1, arbitrary: fc.stringMatching(/^([a-zA-Z0-9]{1,2}[.-]){1,4}[a-zA-Z0-9]?\.?$/) },
  {
    weight: 4,
    arbitrary: fc.constantFrom(' ', ' ', '  ', '\n', '\t', '.', ',', '-', "'", '!', '"', '#', '*'),
  },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "don't",
      "CAN'T",
      "n't",
      "shouldn't've",
      "it's",
      "'s",
      "'re",
      "you'll",
      "I'd",
      "I'M",
      "we've",
      "'LL",
      "'D",
      "x'y",
      "''",
      "n'T",
      "O'Brien's",
      'U.S.',
      'e.g.',
      'a.b.c',
      'well-made',
      'x--y',
      '3.5',
      'rock-n',
      '...',
      '<br />',
      '<i>x</i>',
      '&amp;',
      '&#233;',
      'abcdefgh',
      'abcdefghi',
      'abcdefghijklmnopqrstuvwx',
      'abcdefghijklmnopqrstuvwxyz0123',
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'caf\u00e9',
      'It\u2019s',
      '\u0096',
      '\u0085',
      'e\u0301',
      '\u0301',
      '\u200b',
      '\u00a0',
      '\ud83d\udc4d\ud83c\udffd',
      '\ud83d\udc69\u200d\ud83d\udc67',
      '\ud83c\uddeb\ud83c\uddf7',
      '#\ufe0f\u20e3',
      '\ufb01',
      '\ud800',
      '\u4e2d\u6587',
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 80 }) },
);
const text = fc.array(fragment, { maxLength: 60 }).map((parts) => parts.join(''));

describe('the WebAssembly scanner', () => {
  test('the committed binary is what scanner-wat*.ts assembles to', async () => {
    expect(scannerBase64).toBe(Buffer.from(await assembleScanner()).toString('base64'));
  });

  test("its SIMD byte masks agree with the splitter's ASCII classes", () => {
    // The scanner's windows test letters and digits as [0-9A-Za-z] and separators as <= 0x20 or 0x7f.
    for (let c = 0; c < 128; c++) {
      const word = /[0-9A-Za-z]/.test(String.fromCharCode(c));
      expect(ASCII_CLASS[c] === WORD, `byte ${c}`).toBe(word);
      expect(ASCII_CLASS[c] === SPACE, `byte ${c}`).toBe(c <= 0x20 || c === 0x7f);
    }
  });
});

describe('the fast path gives exactly the JavaScript splitter’s tokens', () => {
  const optionSets: TokenizerOptionsInput[] = [
    {},
    { lowercase: false },
    { mapControls: false, normalizeApostrophes: false, nfkc: false },
    { stripHtml: false, decodeEntities: false, lowercase: false, nfkc: false },
    { markNegation: true },
  ];

  test.each(optionSets)('for random review-like text with options %j', (options) => {
    const { fast, reference } = pair(options);
    fc.assert(
      fc.property(text, (t) => {
        expect(fast.tokenize(t)).toEqual(reference.tokenize(t));
      }),
      { numRuns: 400 },
    );
  });

  test('across the 64-byte windows: long words, runs without separators, texts of any length', () => {
    const { fast, reference } = pair();
    const cases = [
      'a'.repeat(63),
      `${'b'.repeat(64)} c`,
      `x ${'y'.repeat(200)}.z ${"it's ".repeat(40)}`,
      '-'.repeat(130),
      `${'a.'.repeat(70)}b`,
      `${'word '.repeat(13)}caf\u00e9${' more'.repeat(20)}`,
      `${'q'.repeat(62)} caf\u00e9`,
      `caf\u00e9${'z'.repeat(100)}`,
    ];
    for (const t of cases) expect(fast.tokenize(t), t).toEqual(reference.tokenize(t));
  });

  test('markup: <br /> blanked by the scanner, other tags and entities by the JavaScript rules', () => {
    for (const options of [{}, { decodeEntities: false }, { stripHtml: false }, { lowercase: false }]) {
      const { fast, reference } = pair(options);
      const cases = [
        'a<br />b<br /><br />c.<br />',
        '<br /> <BR /> <br/> <br> x',
        'one<br />two <i>three</i>',
        '&lt;br /&gt; <br /> &amp; a&b',
        'caf\u00e9<br />na\u00efve <br />\u2019s',
        '<br <br />> <br /',
        // the scanner stops at the first & (at any offset in its 16-byte blocks) and JavaScript decodes
        'Tom & Jerry<br />',
        `${'x'.repeat(15)}&amp;lt;i&amp;gt; &#233;t&eacute; ${'y'.repeat(40)}&`,
        '&&;&#;&#x; &unknown; &AMP; a&amp;b<br />c',
        // tags and entities at every offset of the scanner's 16-byte blocks, in either case
        ...Array.from({ length: 17 }, (_, i) => `${'a'.repeat(i)}<BR />B<Br />&Amp;<br />&#X41;x<br />`),
        ...Array.from({ length: 17 }, (_, i) => `${'B'.repeat(i)}<br />C & D<BR/>e<br />`),
      ];
      for (const t of cases)
        expect(fast.tokenize(t), `${t} ${JSON.stringify(options)}`).toEqual(reference.tokenize(t));
    }
  });

  test('non-ASCII pieces are normalised on their own exactly as within the whole text', () => {
    const { fast, reference } = pair();
    const cases = [
      '\u039f\u0394\u039f\u03a3 \u039f\u0394\u039f\u03a3. \u03a3\u039f\u03a3\u03a3',
      'a\u00a0b and\u00a0 c',
      'x \u0301y z\u0301 \u0301',
      'them\u0085Ghosts Redford\u0092s \u0096 a\u0096b',
      'It\u00b4s 5\u2033 \u0149 \ufb01lm \uff26\uff35\uff2c\uff2c',
      'STRASSE Stra\u00dfe \u0130stanbul',
    ];
    for (const t of cases) expect(fast.tokenize(t), t).toEqual(reference.tokenize(t));
  });

  test('non-ASCII pieces that hold no token, one token or several', () => {
    const { fast, reference } = pair();
    for (const t of [
      'a \u0301 b',
      'x caf\u00e9, y',
      '\u201cquoted\u201d: it\u2019s',
      '\u200b\u200b',
      'e\u0301t\u00e9!?',
    ]) {
      expect(fast.tokenize(t), t).toEqual(reference.tokenize(t));
    }
  });

  test('a chunk of over 130,000 tokens, and thousands of chunks of several tokens, in one text', async () => {
    const { fast, reference } = pair();
    const senti = new SentiTokenizer(await Vocabulary.build(['\ud83d\ude00 x \u00e9']));
    for (const t of [
      '\ud83d\ude00'.repeat(131_000),
      'x \ud83d\ude00\ud83d\ude00 '.repeat(20_000),
      `caf\u00e9 ${'\ud83d\ude00'.repeat(130_000)} x`,
    ]) {
      expect(t.length).toBeLessThanOrEqual(MAX_SCAN_LENGTH);
      const tokens = reference.tokenize(t);
      expect(tokens.length).toBeGreaterThan(40_000);
      expect(fast.tokenize(t)).toEqual(tokens);
      expect([...senti.encode(t)]).toEqual(tokens.map((token) => senti.vocabulary.idOf(token)));
    }
  });

  test('text within Latin-1 (written a byte per code unit) and beyond it (UTF-8) give the same tokens', () => {
    // Every code unit 0x80..0xff (C1 controls, NBSP, ´, ½, µ, ß, ÿ, ...) inside words, alone and next to
    // punctuation; the same texts with a character beyond Latin-1 added take the UTF-8 write.
    const latin1 = fc.array(
      fc.oneof(
        fc.integer({ min: 0x80, max: 0xff }).map((c) => String.fromCharCode(c)),
        fc.constantFrom('a', 'Word', "don't", ' ', '.', '-', "'", '<br />', 'x.y', 'U.S.', '1,000'),
      ),
      { maxLength: 40 },
    );
    for (const options of optionSets) {
      const { fast, reference } = pair(options);
      fc.assert(
        fc.property(latin1, fc.constantFrom('', ' \u2019s', ' \u20ac', ' \ud83d\ude00'), (parts, beyond) => {
          const t = parts.join('');
          expect(fast.tokenize(t)).toEqual(reference.tokenize(t));
          expect(fast.tokenize(t + beyond)).toEqual(reference.tokenize(t + beyond));
        }),
        { numRuns: 150 },
      );
    }
  });

  test('tokens newly interned, found, not interned (over 24 bytes) and chunks mix in one text', () => {
    const { fast, reference } = pair();
    const long = (i: number) => `a${'b'.repeat(24)}${i.toString(36)}`;
    for (let i = 0; i < 50; i++) {
      const t = `${long(i)} caf\u00e9 fresh${i}word ${long(i + 1)} the \u0096 ${long(i)}, it\u2019s fresh${i}word`;
      expect(fast.tokenize(t), t).toEqual(reference.tokenize(t));
      const ascii = `${long(i)} fresh${i}Word ${long(i + 2)} the - ${long(i)}, it's`;
      expect(fast.tokenize(ascii), ascii).toEqual(reference.tokenize(ascii));
    }
  });

  test('texts too long for the scanner take the JavaScript path with the same result', () => {
    const { fast, reference } = pair();
    const t = `${"Don't stop. ".repeat(Math.ceil(MAX_SCAN_LENGTH / 12))}end`;
    expect(t.length).toBeGreaterThan(MAX_SCAN_LENGTH);
    const tokens = fast.tokenize(t);
    expect(tokens).toEqual(reference.tokenize(t));
    expect(tokens.at(-1)).toBe('end');
  });

  test('once the intern table is full, new tokens are still right', () => {
    const { fast, reference } = pair();
    const words = Array.from({ length: INTERN_LAYOUT.maxIds + 5000 }, (_, i) => `w${i.toString(36)}x`);
    const longWords = Array.from({ length: INTERN_LAYOUT.longCap + 500 }, (_, i) => `longer-word-${i}`);
    for (let i = 0; i < words.length; i += 1000) {
      const t = words.slice(i, i + 1000).join(' ');
      expect(fast.tokenize(t)).toEqual(reference.tokenize(t));
    }
    const t = longWords.join(' ');
    expect(fast.tokenize(t)).toEqual(reference.tokenize(t));
    expect(fast.tokenize('w0x w1x the')).toEqual(['w0x', 'w1x', 'the']);
  });
});

describe('splitting is separable at ASCII separators (why the scanner may hand pieces to JavaScript)', () => {
  test('the tokens of a + separator + b are the tokens of a, then of b', () => {
    const { reference } = pair();
    fc.assert(
      fc.property(text, fc.constantFrom(' ', '\n', '\t', '\u0000', '\u007f'), text, (a, sep, b) => {
        expect(reference.tokensOf(a + sep + b)).toEqual([...reference.tokensOf(a), ...reference.tokensOf(b)]);
      }),
      { numRuns: 400 },
    );
  });
});

describe('encode on the fast path', () => {
  test('equals the vocabulary ids of the reference tokens', async () => {
    const { reference } = pair();
    const senti = new SentiTokenizer(
      await Vocabulary.build(["good film, don't; u.s. e-mail caf\u00e9 ! x abcdefghi"]),
    );
    fc.assert(
      fc.property(text, (t) => {
        expect([...senti.encode(t)]).toEqual(
          reference.tokenize(t).map((token) => senti.vocabulary.idOf(token)),
        );
      }),
      { numRuns: 400 },
    );
  });
});

describe.skipIf(skipWithoutSharedData())('on the shared IMDB data', () => {
  test('the fast path and the JavaScript splitter agree on every IMDB train review', async () => {
    const { fast, reference } = pair();
    let reviews = 0;
    for await (const { text: review } of readImdb('train')) {
      const tokens = fast.tokenize(review);
      const expected = reference.tokenize(review);
      if (tokens.length !== expected.length || tokens.some((t, i) => t !== expected[i])) {
        expect(tokens, review.slice(0, 200)).toEqual(expected);
      }
      reviews++;
    }
    expect(reviews).toBe(25_000);
  }, 120_000);
});
