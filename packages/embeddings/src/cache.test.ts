import { readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { fixtureVectors, sameBits, tempDir } from '../test/helpers.ts';
import { CACHE_MAGIC } from './cache-file.ts';
import { type Embeddings, loadEmbeddings } from './load-embeddings.ts';
import type { LoadEmbeddingsOptions } from './options.ts';
import { writeVectors } from './write-vectors.ts';

const dir = tempDir();
const words = Array.from({ length: 300 }, (_, i) => `w${i}`);
const dim = 6;
const vocabulary = {
  tokens: ['<pad>', ...words.filter((_, i) => i % 3 === 0), 'absent'],
  frequencies: undefined,
};

async function load(file: string, cacheDir: string, extra: Partial<LoadEmbeddingsOptions> = {}) {
  let progressCalls = 0;
  const e = await loadEmbeddings(file, {
    vocabulary,
    cacheDir,
    seed: 3,
    onProgress: () => progressCalls++,
    ...extra,
  });
  return { e, progressCalls };
}

function expectSame(a: Embeddings, b: Embeddings): void {
  expect(sameBits(a.matrix, b.matrix)).toBe(true);
  expect([a.dim, a.found, a.coverage, a.missing, a.format]).toEqual([
    b.dim,
    b.found,
    b.coverage,
    b.missing,
    b.format,
  ]);
}

async function fresh(name: string, seed = 1): Promise<{ file: string; cacheDir: string }> {
  const file = join(dir, `${name}.txt`);
  await writeVectors(file, words, fixtureVectors(words.length, dim, seed), dim, { gzip: true });
  return { file, cacheDir: join(dir, `${name}-cache`) };
}

describe('cache', () => {
  test('the second load reads the cache instead of parsing, with the same result', async () => {
    const { file, cacheDir } = await fresh('hit');
    const first = await load(file, cacheDir);
    expect(first.e.fromCache).toBe(false);
    expect(first.progressCalls).toBeGreaterThan(0);
    expect(first.e.cacheFile).toMatch(/hit\.txt\.[0-9a-f]{24}\.skemb$/);
    const second = await load(file, cacheDir);
    expect(second.e.fromCache).toBe(true);
    expect(second.progressCalls).toBe(0);
    expect(second.e.cacheNote).toBeNull();
    expectSame(second.e, first.e);
    expect(readdirSync(cacheDir)).toHaveLength(1); // no temporary files left behind
    expect(readFileSync(first.e.cacheFile as string).subarray(0, 8)).toEqual(CACHE_MAGIC);
  });

  test('other options or another vocabulary use another cache entry', async () => {
    const { file, cacheDir } = await fresh('keys');
    await load(file, cacheDir);
    expect((await load(file, cacheDir, { seed: 4 })).e.fromCache).toBe(false);
    expect((await load(file, cacheDir, { oov: 'zeros' })).e.fromCache).toBe(false);
    const other = await loadEmbeddings(file, { vocabulary: { tokens: ['<pad>', 'w1'] }, cacheDir });
    expect(other.fromCache).toBe(false);
    expect((await load(file, cacheDir, { seed: 4 })).e.fromCache).toBe(true);
    expect(readdirSync(cacheDir)).toHaveLength(4);
  });

  test('a changed source makes the cache stale: it is rebuilt in place with the new vectors', async () => {
    const { file, cacheDir } = await fresh('stale');
    const first = await load(file, cacheDir);
    await writeVectors(file, words, fixtureVectors(words.length, dim, 2), dim, { gzip: true });
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const second = await load(file, cacheDir);
    expect(second.e.fromCache).toBe(false);
    expect(second.e.cacheNote).toMatch(/stale/);
    expect(sameBits(second.e.matrix, first.e.matrix)).toBe(false);
    expect(second.e.cacheFile).toBe(first.e.cacheFile);
    const third = await load(file, cacheDir);
    expect(third.e.fromCache).toBe(true);
    expectSame(third.e, second.e);
  });

  test.each([
    ['bad magic', (b: Buffer) => b.write('XXXX', 0), /bad magic/],
    ['truncated payload', (b: Buffer) => b.subarray(0, b.length - 7), /wrong size/],
    ['truncated header', (b: Buffer) => b.subarray(0, 40), /truncated/],
    ['empty file', () => Buffer.alloc(0), /truncated/],
    ['extra bytes', (b: Buffer) => Buffer.concat([b, Buffer.alloc(4)]), /wrong size/],
    [
      'a flipped payload byte',
      (b: Buffer) => b.writeUInt8((b[b.length - 5] as number) ^ 0x40, b.length - 5),
      /checksum/,
    ],
    ['a header that is not JSON', (b: Buffer) => b.write('}', 12), /not JSON/],
    [
      'a header with a wrong dim',
      (b: Buffer) => b.write(b.toString('latin1').replace('"dim":6', '"dim":5'), 'latin1'),
      /wrong size/,
    ],
  ])('a corrupt cache (%s) is detected, never trusted, and rebuilt', async (_, corrupt, reason) => {
    const { file, cacheDir } = await fresh(`corrupt-${_.replace(/\W/g, '')}`);
    const first = await load(file, cacheDir);
    const cacheFile = first.e.cacheFile as string;
    const bytes = readFileSync(cacheFile);
    const result = corrupt(bytes);
    writeFileSync(cacheFile, Buffer.isBuffer(result) ? result : bytes);
    const second = await load(file, cacheDir);
    expect(second.e.fromCache).toBe(false);
    expect(second.e.cacheNote).toMatch(reason);
    expectSame(second.e, first.e);
    expect((await load(file, cacheDir)).e.fromCache).toBe(true);
  });

  test('cacheKey "content" survives a touch of the source; "stat" does not', async () => {
    const { file, cacheDir } = await fresh('content');
    await load(file, cacheDir, { cacheKey: 'content' });
    await load(file, cacheDir);
    const later = new Date(statSync(file).mtimeMs + 60_000);
    utimesSync(file, later, later);
    expect((await load(file, cacheDir, { cacheKey: 'content' })).e.fromCache).toBe(true);
    expect((await load(file, cacheDir)).e.fromCache).toBe(false);
  });

  test('an unwritable cache folder does not fail the load', async () => {
    const { file } = await fresh('unwritable');
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, '');
    const r = await load(file, join(blocker, 'cache'));
    expect(r.e.fromCache).toBe(false);
    expect(r.e.cacheNote).toMatch(/cache not written/);
  });
});
