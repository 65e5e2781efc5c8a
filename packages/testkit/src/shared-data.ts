import { createReadStream, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * The folder with the project's shared training data (IMDB, GloVe): `SENTIKIT_SHARED_DATA` when set, else
 * `<repo>/../shared/data`. Users of the packages do not have it; tests that need it skip without it.
 */
export function sharedDataDir(): string {
  return process.env['SENTIKIT_SHARED_DATA'] ?? resolve(repoRoot, '../shared/data');
}

/** Absolute path of the gzip'd IMDB split (`train` or `test`) in the shared data folder. */
export function imdbPath(split: 'train' | 'test'): string {
  return join(sharedDataDir(), 'imdb', `${split}.jsonl.gz`);
}

/** Absolute path of the GloVe 6B 50d subset (50,000 words, no header, gzip'd) in the shared data folder. */
export function glovePath(): string {
  return join(sharedDataDir(), 'glove', 'glove.6B.50d.top50k.txt.gz');
}

/** Whether the shared IMDB and GloVe files are present (benchmarks fall back to synthetic data without them). */
export function hasSharedData(): boolean {
  return existsSync(imdbPath('train')) && existsSync(imdbPath('test')) && existsSync(glovePath());
}

/**
 * For `describe.skipIf(skipBecause(...))`: returns whether to skip, and when skipping writes `skipped: <why>` to
 * stderr, so a skipped suite says why in the test output (Vitest shows it under the file's name). With
 * `failUnderCi`, a missing requirement throws under CI (`CI` set) instead: CI provides it, so it must not skip.
 * @param why the reason to skip, or undefined to run
 */
export function skipBecause(why: string | undefined, options: { failUnderCi?: boolean } = {}): boolean {
  if (why === undefined) return false;
  if (options.failUnderCi && process.env['CI']) throw new Error(`CI must not skip this suite: ${why}`);
  process.stderr.write(`skipped: ${why}\n`);
  return true;
}

/**
 * For `describe.skipIf(skipWithoutSharedData())`: true (skip, saying why on stderr) when the shared data is
 * absent on a user's machine; under CI (`CI` set), where it must be there, a missing file throws, so the suite fails instead of
 * skipping.
 * @param files absolute paths the tests read @default IMDB train and test and the GloVe file
 */
export function skipWithoutSharedData(
  files: readonly string[] = [imdbPath('train'), imdbPath('test'), glovePath()],
): boolean {
  const missing = files.filter((f) => !existsSync(f));
  if (missing.length === 0) return false;
  if (process.env['CI']) {
    throw new Error(
      `CI needs the shared data, but ${missing.join(', ')} is missing: lay out ../shared/data or set SENTIKIT_SHARED_DATA`,
    );
  }
  return skipBecause(`no shared data (${missing.join(', ')}); set SENTIKIT_SHARED_DATA to use it`);
}

/** One labelled review of the IMDB files: `label` 1 is positive, 0 negative. */
export interface ImdbRecord {
  /** The review text, byte-for-byte as in aclImdb. */
  text: string;
  /** 1 = positive, 0 = negative. */
  label: 0 | 1;
}

/**
 * Streams the records of an IMDB split in file order (positive and negative alternate).
 * @param limit stop after this many records
 */
export async function* readImdb(
  split: 'train' | 'test',
  limit = Number.POSITIVE_INFINITY,
): AsyncGenerator<ImdbRecord> {
  if (limit <= 0) return;
  const lines = createInterface({
    input: createReadStream(imdbPath(split)).pipe(createGunzip()),
    crlfDelay: Infinity,
  });
  let n = 0;
  for await (const line of lines) {
    if (line.length === 0) continue;
    yield JSON.parse(line) as ImdbRecord;
    if (++n >= limit) {
      lines.close();
      return;
    }
  }
}

/** Reads an IMDB split (or its first `limit` records) into memory. */
export async function loadImdb(split: 'train' | 'test', limit?: number): Promise<ImdbRecord[]> {
  const out: ImdbRecord[] = [];
  for await (const r of readImdb(split, limit)) out.push(r);
  return out;
}
