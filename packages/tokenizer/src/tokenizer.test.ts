import { describe, expect, test } from 'vitest';
import { TokenizerError } from './errors.ts';
import { DEFAULT_NEGATION_WORDS, TokenizerOptions } from './options.ts';
import { createTokenizer } from './tokenizer.ts';

describe('createTokenizer options', () => {
  test('fills in the documented defaults', () => {
    expect(createTokenizer().options).toEqual({
      stripHtml: true,
      decodeEntities: true,
      mapControls: true,
      normalizeApostrophes: true,
      nfkc: true,
      lowercase: true,
      replaceUrls: false,
      urlToken: '<url>',
      replaceNumbers: false,
      numberToken: '<num>',
      markNegation: false,
      negationSuffix: '_NEG',
      negationWords: [...DEFAULT_NEGATION_WORDS],
    });
    expect(TokenizerOptions.parse({})).toEqual(createTokenizer().options);
  });

  test.each([
    [{ lowercase: 'yes' }, /lowercase/],
    [{ lowercas: true }, /lowercas/],
    [{ urlToken: '' }, /urlToken/],
    [{ numberToken: 'a b' }, /numberToken: must not contain whitespace/],
    [{ negationWords: ['not', 3] }, /negationWords\[1\]/],
  ])('rejects %j with INVALID_OPTIONS naming the field', (options, message) => {
    const attempt = () => createTokenizer(options as never);
    expect(attempt).toThrow(TokenizerError);
    expect(attempt).toThrow(message);
    try {
      attempt();
    } catch (e) {
      expect((e as TokenizerError).code).toBe('INVALID_OPTIONS');
    }
  });

  test('rejects a non-string text with INVALID_INPUT', () => {
    expect(() => createTokenizer().tokenize(42 as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });
});

describe('splitting options', () => {
  test('lowercase off keeps case and still splits clitics of any case', () => {
    const t = createTokenizer({ lowercase: false });
    expect(t.tokenize("Don't CAN'T It'S U.S. I'M")).toEqual([
      'Do',
      "n't",
      'CA',
      "N'T",
      'It',
      "'S",
      'U.S.',
      'I',
      "'M",
    ]);
  });

  test('with normalizeApostrophes off, the curly apostrophe still splits clitics and stays as written', () => {
    const t = createTokenizer({ normalizeApostrophes: false });
    expect(t.tokenize('don\u2019t it\u2019s \u2019quoted\u2019')).toEqual([
      'do',
      'n\u2019t',
      'it',
      '\u2019s',
      '\u2019',
      'quoted',
      '\u2019',
    ]);
  });

  test('with mapControls off, C1 controls separate tokens and never become tokens', () => {
    expect(createTokenizer({ mapControls: false }).tokenize('good\u0096bad \u0085')).toEqual(['good', 'bad']);
  });

  test('replaceUrls turns http(s) and www URLs into the URL token, without trailing punctuation', () => {
    const t = createTokenizer({ replaceUrls: true });
    expect(
      t.tokenize('See https://www.imdb.com/title/tt0111161/?ref=x. Or (www.example.org), HTTP://A.B'),
    ).toEqual(['see', '<url>', '.', 'or', '(', '<url>', ')', ',', '<url>']);
    expect(t.tokenize('http:// www. wwwx.com')).toEqual(['http', ':', '/', '/', 'www', '.', 'wwwx.com']);
    expect(createTokenizer({ replaceUrls: true, urlToken: 'URL' }).tokenize('www.a.com')).toEqual(['URL']);
    expect(createTokenizer().tokenize('www.imdb.com')).toEqual(['www.imdb.com']);
  });

  test('replaceNumbers turns digit words into the number token and keeps words with letters', () => {
    const t = createTokenizer({ replaceNumbers: true });
    expect(t.tokenize('In 1990 I gave it 3.5/10, 2-1, not 80s or 2nd')).toEqual([
      'in',
      '<num>',
      'i',
      'gave',
      'it',
      '<num>',
      '/',
      '<num>',
      ',',
      '<num>',
      ',',
      'not',
      '80s',
      'or',
      '2nd',
    ]);
    expect(createTokenizer().tokenize('1990')).toEqual(['1990']);
  });
});

describe('negation marking', () => {
  const t = createTokenizer({ markNegation: true });

  test('is off by default', () => {
    expect(createTokenizer().tokenize('not good')).toEqual(['not', 'good']);
  });

  test('marks tokens after a negation word up to clause punctuation', () => {
    expect(t.tokenize('I did not like this movie, but the end was good.')).toEqual(
      'i did not like_NEG this_NEG movie_NEG , but the end was good .'.split(' '),
    );
    expect(t.tokenize("I don't think so; never again! Fine?")).toEqual(
      "i do n't think_NEG so_NEG ; never again_NEG ! fine ?".split(' '),
    );
    expect(t.tokenize('Nothing works: no plot. Cannot recommend it')).toEqual(
      'nothing works_NEG : no plot_NEG . cannot recommend_NEG it_NEG'.split(' '),
    );
  });

  test('never marks negation words, and a new one keeps the scope open', () => {
    expect(t.tokenize('not bad, not good and no fun')).toEqual(
      'not bad_NEG , not good_NEG and_NEG no fun_NEG'.split(' '),
    );
  });

  test('honours a custom suffix and word list, and matches words whatever their case', () => {
    const custom = createTokenizer({
      markNegation: true,
      negationSuffix: '-neg',
      negationWords: ['Hardly'],
      lowercase: false,
    });
    expect(custom.tokenize('I HARDLY Liked it. Not bad')).toEqual(
      'I HARDLY Liked-neg it-neg . Not bad'.split(' '),
    );
  });

  test('reads n’t with a curly apostrophe as negation when apostrophes are kept', () => {
    const curly = createTokenizer({ markNegation: true, normalizeApostrophes: false });
    expect(curly.tokenize('don\u2019t go')).toEqual(['do', 'n\u2019t', 'go_NEG']);
  });

  test('does not mark placeholders', () => {
    const p = createTokenizer({ markNegation: true, replaceUrls: true, replaceNumbers: true });
    expect(p.tokenize('not http://x.com or 10 stars')).toEqual([
      'not',
      '<url>',
      'or_NEG',
      '<num>',
      'stars_NEG',
    ]);
  });
});

describe('long inputs', () => {
  test('a long text tokenises whole, and short texts after it still tokenise right', () => {
    const t = createTokenizer();
    const long = "it's good. ".repeat(200_000);
    const tokens = t.tokenize(long);
    expect(tokens).toHaveLength(800_000);
    expect(tokens.slice(-4)).toEqual(['it', "'s", 'good', '.']);
    expect(t.tokenize("Don't")).toEqual(['do', "n't"]);
  });
});
