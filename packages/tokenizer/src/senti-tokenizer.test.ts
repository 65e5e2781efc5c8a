import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TokenizerError } from './errors.ts';
import { SentiTokenizer } from './senti-tokenizer.ts';
import { Vocabulary } from './vocabulary.ts';

const reviews = [
  "I didn't like it. The plot was bad.",
  'A great film, great cast!<br /><br />Loved it.',
  'The U.S. release was well-made; I liked it.',
];

describe('SentiTokenizer', () => {
  test('train builds the vocabulary with the given tokenizer options and keeps them', async () => {
    const senti = await SentiTokenizer.train(reviews, { tokenizer: { markNegation: true }, minFreq: 1 });
    expect(senti.options.markNegation).toBe(true);
    expect(senti.vocabulary.has('like_NEG')).toBe(true);
    expect(senti.tokenize("didn't like")).toEqual(['did', "n't", 'like_NEG']);
  });

  test('encode gives vocabulary ids with unk for unknown tokens, and decode inverts it', async () => {
    const senti = await SentiTokenizer.train(reviews);
    const ids = senti.encode('A great zebra!');
    expect(ids).toBeInstanceOf(Int32Array);
    expect([...ids]).toEqual(['a', 'great', 'zebra', '!'].map((t) => senti.vocabulary.idOf(t)));
    expect(ids[2]).toBe(senti.vocabulary.unkId);
    expect(senti.decode(ids)).toEqual(['a', 'great', '<unk>', '!']);
    expect(senti.decodeText(ids)).toBe('a great <unk> !');
  });

  test('decode skips padding unless asked not to, and rejects ids outside the vocabulary', async () => {
    const senti = await SentiTokenizer.train(reviews);
    const ids = [senti.vocabulary.idOf('great'), 0, 0];
    expect(senti.decode(ids)).toEqual(['great']);
    expect(senti.decode(ids, { skipPadding: false })).toEqual(['great', '<pad>', '<pad>']);
    expect(() => senti.decode([senti.vocabulary.size])).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });

  test('encode equals encodeTokens(tokenize) with placeholders on', async () => {
    const senti = await SentiTokenizer.train(['see www.x.com in 1990', 'not 3.5 stars'], {
      tokenizer: { replaceUrls: true, replaceNumbers: true },
    });
    for (const text of ['www.y.org in 2000!', 'at 10 www.z.com', 'nothing']) {
      expect([...senti.encode(text)]).toEqual([...senti.encodeTokens(senti.tokenize(text))]);
    }
    expect(senti.decode(senti.encode('www.y.org 7'))).toEqual(['<url>', '<num>']);
  });

  test('rejects a missing vocabulary, bad options and non-string texts', () => {
    expect(() => new SentiTokenizer({} as never)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    const vocab = Vocabulary.fromCounts([]);
    expect(() => new SentiTokenizer(vocab, { nfkc: 1 } as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS' }),
    );
    expect(() => new SentiTokenizer(vocab).encode(null as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });
});

describe('tokenizer.json', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sentikit-tokenizer-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('toJSON holds the options and the vocabulary under a format version', async () => {
    const senti = await SentiTokenizer.train(reviews, { tokenizer: { lowercase: false }, maxSize: 10 });
    const json = senti.toJSON();
    expect(json.format).toBe('sentikit-tokenizer');
    expect(json.version).toBe(1);
    expect(json.options.lowercase).toBe(false);
    expect(json.vocabulary.tokens).toHaveLength(10);
  });

  test('round-trips through JSON and through a file', async () => {
    const senti = await SentiTokenizer.train(reviews, { tokenizer: { markNegation: true } });
    const fromJson = SentiTokenizer.fromJSON(JSON.parse(JSON.stringify(senti)));
    const path = join(dir, 'nested', 'tokenizer.json');
    await senti.save(path);
    const fromFile = await SentiTokenizer.load(path);
    for (const copy of [fromJson, fromFile]) {
      expect(copy.toJSON()).toEqual(senti.toJSON());
      for (const r of reviews) expect([...copy.encode(r)]).toEqual([...senti.encode(r)]);
    }
  });

  async function loadError(content: string | null): Promise<TokenizerError> {
    const path = join(dir, `case-${Math.random().toString(36).slice(2)}.json`);
    if (content !== null) await writeFile(path, content);
    try {
      await SentiTokenizer.load(path);
    } catch (e) {
      if (e instanceof TokenizerError) return e;
      throw e;
    }
    throw new Error('load did not fail');
  }

  const valid = async () =>
    (await SentiTokenizer.train(reviews)).toJSON() as unknown as Record<string, unknown>;

  test('a missing file is IO_ERROR naming the path', async () => {
    const e = await loadError(null);
    expect(e.code).toBe('IO_ERROR');
    expect(e.message).toMatch(/Cannot read tokenizer file .*case-/);
  });

  test('a file that is not JSON is INVALID_FORMAT', async () => {
    const e = await loadError('{"format": "sentikit-tok');
    expect(e.code).toBe('INVALID_FORMAT');
    expect(e.message).toMatch(/is not valid JSON/);
  });

  test('a vocabulary file in place of a tokenizer file is INVALID_FORMAT naming the format', async () => {
    const e = await loadError(JSON.stringify((await valid())['vocabulary']));
    expect(e.code).toBe('INVALID_FORMAT');
    expect(e.message).toMatch(/"format" is "sentikit-vocabulary", expected "sentikit-tokenizer"/);
  });

  test('another version is UNSUPPORTED_VERSION', async () => {
    const e = await loadError(JSON.stringify({ ...(await valid()), version: 7 }));
    expect(e.code).toBe('UNSUPPORTED_VERSION');
    expect(e.message).toMatch(/format version 7/);
  });

  test('corrupt options or vocabulary are INVALID_FORMAT naming the field', async () => {
    const json = await valid();
    const badOptions = { ...json, options: { ...(json['options'] as object), lowercase: 'yes' } };
    expect((await loadError(JSON.stringify(badOptions))).message).toMatch(/options\.lowercase/);
    const vocab = json['vocabulary'] as Record<string, unknown>;
    const badVocab = { ...json, vocabulary: { ...vocab, frequencies: [1] } };
    const e = await loadError(JSON.stringify(badVocab));
    expect(e.code).toBe('INVALID_FORMAT');
    expect(e.message).toMatch(/vocabulary\.frequencies/);
  });

  test('save reports IO_ERROR when it cannot write', async () => {
    const senti = await SentiTokenizer.train(reviews);
    const file = join(dir, 'a-file');
    await writeFile(file, 'x');
    await expect(senti.save(join(file, 'tokenizer.json'))).rejects.toMatchObject({ code: 'IO_ERROR' });
    expect(await readFile(file, 'utf8')).toBe('x');
  });
});
