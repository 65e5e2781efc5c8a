import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { glovePath, readImdb, skipWithoutSharedData } from '@sentikit/testkit';
import { describe, expect, test } from 'vitest';
import { createTokenizer } from './tokenizer.ts';

async function gloveWords(): Promise<Set<string>> {
  const words = new Set<string>();
  const lines = createInterface({
    input: createReadStream(glovePath()).pipe(createGunzip()),
    crlfDelay: Infinity,
  });
  for await (const line of lines) {
    const space = line.indexOf(' ');
    if (space > 0) words.add(line.slice(0, space));
  }
  return words;
}

describe.skipIf(skipWithoutSharedData())('on the shared IMDB and GloVe data', () => {
  test('GloVe words cover at least 98% of IMDB-test tokens under the default options', async () => {
    const glove = await gloveWords();
    expect(glove.size).toBe(50_000);
    const tokenizer = createTokenizer();
    let total = 0;
    let covered = 0;
    for await (const { text } of readImdb('test')) {
      for (const token of tokenizer.tokenize(text)) {
        total++;
        if (glove.has(token)) covered++;
      }
    }
    expect(total).toBeGreaterThan(5_000_000);
    expect(covered / total).toBeGreaterThanOrEqual(0.98);
  }, 120_000);
});
