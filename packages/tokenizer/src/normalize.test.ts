import { afterEach, describe, expect, test, vi } from 'vitest';
import { createTokenizer } from './tokenizer.ts';

const all = {
  stripHtml: false,
  decodeEntities: false,
  mapControls: false,
  normalizeApostrophes: false,
  nfkc: false,
  lowercase: false,
};

describe('each normalisation step, on alone and off', () => {
  test('stripHtml replaces known tags with a space and leaves other <...> text', () => {
    const on = createTokenizer({ ...all, stripHtml: true });
    expect(on.normalize('One.<br /><br />Two <i>x</i><BR>y<br/>z <p class="a">q</p>')).toBe(
      'One.  Two  x  y z  q ',
    );
    expect(on.normalize('<3 <grin> a<b')).toBe('<3 <grin> a<b');
    expect(createTokenizer(all).normalize('One.<br />Two')).toBe('One.<br />Two');
  });

  test('decodeEntities decodes named and numeric entities and keeps unknown ones', () => {
    const on = createTokenizer({ ...all, decodeEntities: true });
    expect(on.normalize('&amp; &lt; &gt; &quot; &#39; &apos; &nbsp;|&#233; &#xE9; &#X41;')).toBe(
      `& < > " ' ' \u00a0|\u00e9 \u00e9 A`,
    );
    expect(on.normalize('&foo; &amp &#0; &#xD800; AT&T')).toBe('&foo; &amp &#0; &#xD800; AT&T');
    expect(createTokenizer(all).normalize('&amp;')).toBe('&amp;');
  });

  test('stripHtml runs before decodeEntities, so escaped tags stay text', () => {
    expect(createTokenizer({ ...all, stripHtml: true, decodeEntities: true }).normalize('&lt;br /&gt;')).toBe(
      '<br />',
    );
  });

  test('mapControls maps C1 dashes to -, cp1252 quotes and ellipsis, and drops the rest', () => {
    const on = createTokenizer({ ...all, mapControls: true });
    expect(on.normalize('a\u0096b\u0097c \u0091x\u0092 \u0093y\u0094 z\u0085 q\u0080\u008e\u009fr')).toBe(
      `a-b-c 'x' "y" z... qr`,
    );
    expect(createTokenizer(all).normalize('a\u0096b')).toBe('a\u0096b');
  });

  test('normalizeApostrophes maps look-alikes to an ASCII apostrophe', () => {
    const on = createTokenizer({ ...all, normalizeApostrophes: true });
    expect(on.normalize('don\u2019t \u2018x\u2019 you\u00b4ve it\u02bcs 5\u2032')).toBe(
      "don't 'x' you've it's 5'",
    );
    expect(createTokenizer(all).normalize('don\u2019t')).toBe('don\u2019t');
  });

  test('normalizeApostrophes also maps the look-alikes NFKC makes (\u2033 \u2034 \u2057 \u0149), so tokenising is idempotent', () => {
    const tokenizer = createTokenizer();
    expect(tokenizer.normalize('5\u2033 x\u2034 y\u2057 \u0149')).toBe("5'' x''' y'''' 'n");
    expect(tokenizer.tokenize('\u0149')).toEqual(["'", 'n']);
    const tokens = tokenizer.tokenize('\u2033');
    expect(tokens).toEqual(["'", "'"]);
    expect(tokenizer.tokenize(tokens.join(' '))).toEqual(tokens);
    expect(createTokenizer({ normalizeApostrophes: false }).normalize('\u2033')).toBe('\u2032\u2032');
  });

  test('nfkc applies Unicode compatibility normalisation', () => {
    const on = createTokenizer({ ...all, nfkc: true });
    expect(on.normalize('\ufb01lm \uff26\uff35\uff2c\uff2c cafe\u0301 \u2026')).toBe(
      'film FULL caf\u00e9 ...',
    );
    expect(createTokenizer(all).normalize('\ufb01lm')).toBe('\ufb01lm');
  });

  test('lowercase lowercases, Unicode included', () => {
    expect(createTokenizer({ ...all, lowercase: true }).normalize('GREAT Caf\u00c9')).toBe('great caf\u00e9');
    expect(createTokenizer(all).normalize('GREAT')).toBe('GREAT');
  });

  test('the defaults run every step', () => {
    expect(createTokenizer().normalize('It\u2019s <b>GR\u00c9AT</b> &amp; \ufb01ne\u0097ok')).toBe(
      "it's  gr\u00e9at  & fine-ok",
    );
  });
});

describe('no-op steps cost nothing', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** Calls of String.prototype methods made by one normalize call (counted before any assertion runs). */
  function callsDuring(text: string): { normalize: unknown[][]; replace: number; replaceAll: number } {
    const tokenizer = createTokenizer();
    const normalize = vi.spyOn(String.prototype, 'normalize');
    const replace = vi.spyOn(String.prototype, 'replace');
    const replaceAll = vi.spyOn(String.prototype, 'replaceAll');
    tokenizer.normalize(text);
    const calls = {
      normalize: [...normalize.mock.calls],
      replace: replace.mock.calls.length,
      replaceAll: replaceAll.mock.calls.length,
    };
    vi.restoreAllMocks();
    return calls;
  }

  test('pure-ASCII text skips NFKC and the other non-ASCII steps', () => {
    expect(callsDuring('Plain ASCII review, 10/10.')).toEqual({ normalize: [], replace: 0, replaceAll: 0 });
    expect(callsDuring('caf\u00e9').normalize).toEqual([['NFKC']]);
  });

  test('text without < or & is not searched for tags or entities', () => {
    const calls = callsDuring('no markup here');
    expect(calls.replace + calls.replaceAll).toBe(0);
    expect(callsDuring('one<br />two').replaceAll).toBe(1);
  });
});
