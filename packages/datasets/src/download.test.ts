import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeAclImdbArchive, serveBytes, tempDir } from '@sentikit/testkit/fixtures';
import { beforeEach, describe, expect, test } from 'vitest';
import { downloadImdb } from './dataset.ts';
import { downloadFile } from './download.ts';
import { extractAclImdb } from './extract-aclimdb.ts';
import { loadRecords } from './read-records.ts';

const archivePath = await makeAclImdbArchive(tempDir(), 4);
const archive = readFileSync(archivePath);
const sha256 = createHash('sha256').update(archive).digest('hex');
const server = await serveBytes(archive);

beforeEach(() => {
  server.mode = {};
  server.ranges.length = 0;
});

describe('downloadFile (local server)', () => {
  test('downloads, verifies, reports progress up to the total, and records the checksum', async () => {
    const dest = join(tempDir(), 'a.tar.gz');
    const progress: [number, number | undefined][] = [];
    const result = await downloadFile({
      url: server.url,
      dest,
      sha256,
      onProgress: (b, t) => progress.push([b, t]),
    });
    expect(result).toEqual({ path: dest, sha256, bytes: archive.length, how: 'fetched' });
    expect(readFileSync(dest).equals(archive)).toBe(true);
    expect(existsSync(`${dest}.part`)).toBe(false);
    expect(readFileSync(`${dest}.sha256`, 'utf8')).toBe(`${sha256}  a.tar.gz\n`);
    expect(progress.at(-1)).toEqual([archive.length, archive.length]);
    const bytes = progress.map(([b]) => b);
    expect(bytes).toEqual([...bytes].sort((a, b) => a - b));
    const again = await downloadFile({ url: server.url, dest, sha256 });
    expect(again.how).toBe('cached');
    expect(server.ranges).toHaveLength(1);
  });

  test('refuses a mismatching checksum and removes the download', async () => {
    const dest = join(tempDir(), 'a.tar.gz');
    const wrong = 'f'.repeat(64);
    await expect(downloadFile({ url: server.url, dest, sha256: wrong })).rejects.toMatchObject({
      code: 'CHECKSUM_MISMATCH',
      message: expect.stringContaining(`SHA-256 is ${sha256}, expected ${wrong}`),
    });
    expect(existsSync(dest)).toBe(false);
    expect(existsSync(`${dest}.part`)).toBe(false);
  });

  test('refuses a truncated download and keeps what arrived as the part', async () => {
    const dest = join(tempDir(), 'a.tar.gz');
    const cut = Math.floor(archive.length / 3);
    server.mode = { truncateAt: cut };
    await expect(downloadFile({ url: server.url, dest, sha256 })).rejects.toMatchObject({
      code: 'DOWNLOAD_FAILED',
    });
    expect(existsSync(dest)).toBe(false);
    // fetch may drop bytes it had queued when the connection breaks, so the part holds at most the cut
    expect(statSync(`${dest}.part`).size).toBeLessThanOrEqual(cut);
    server.mode = {};
  });

  test('resumes a part with a Range request', async () => {
    const dest = join(tempDir(), 'a.tar.gz');
    const cut = Math.floor(archive.length / 3);
    writeFileSync(`${dest}.part`, archive.subarray(0, cut));
    const progress: number[] = [];
    const result = await downloadFile({ url: server.url, dest, sha256, onProgress: (b) => progress.push(b) });
    expect(result.how).toBe('resumed');
    expect(server.ranges.at(-1)).toBe(`bytes=${cut}-`);
    expect(progress[0]).toBe(cut);
    expect(readFileSync(dest).equals(archive)).toBe(true);
  });

  test('refuses and removes a complete download of another size than expected', async () => {
    const dest = join(tempDir(), 'a.tar.gz');
    await expect(downloadFile({ url: server.url, dest, size: archive.length + 10 })).rejects.toMatchObject({
      code: 'CHECKSUM_MISMATCH',
      message: expect.stringContaining(`got ${archive.length} bytes, expected ${archive.length + 10}`),
    });
    expect(existsSync(`${dest}.part`)).toBe(false);
  });

  test('starts over when the server ignores the range', async () => {
    const dest = join(tempDir(), 'a.tar.gz');
    writeFileSync(`${dest}.part`, archive.subarray(0, 100));
    server.mode = { noRanges: true };
    const result = await downloadFile({ url: server.url, dest, sha256 });
    expect(result.how).toBe('fetched');
    expect(readFileSync(dest).equals(archive)).toBe(true);
  });

  test('turns an HTTP error and an unreachable host into DOWNLOAD_FAILED', async () => {
    const dest = join(tempDir(), 'a.tar.gz');
    server.mode = { status: 404 };
    await expect(downloadFile({ url: server.url, dest })).rejects.toThrow(/HTTP 404/);
    await expect(downloadFile({ url: 'http://127.0.0.1:1/x', dest })).rejects.toMatchObject({
      code: 'DOWNLOAD_FAILED',
    });
  });
});

describe('downloadImdb and extraction', () => {
  test('downloads and extracts only the labelled reviews into <cache>/aclImdb, once', async () => {
    const cache = tempDir();
    let extracting = 0;
    const first = await downloadImdb({
      cacheDir: cache,
      url: server.url,
      sha256,
      size: null,
      onExtract: () => extracting++,
    });
    expect(first).toEqual({ root: join(cache, 'aclImdb'), downloaded: true });
    expect(extracting).toBe(1);
    expect(existsSync(join(cache, 'aclImdb', 'train', 'unsup'))).toBe(false);
    expect(existsSync(join(cache, 'aclImdb', 'README'))).toBe(false);
    expect(existsSync(join(cache, 'aclImdb_v1.tar.gz'))).toBe(false);
    const { records } = await loadRecords(join(cache, 'aclImdb', 'test'));
    expect(records.filter((r) => r.label === 1)).toHaveLength(4);
    expect(records.filter((r) => r.label === 0)).toHaveLength(4);
    const second = await downloadImdb({ cacheDir: cache, url: server.url, sha256 });
    expect(second.downloaded).toBe(false);
    expect(server.ranges).toHaveLength(1);
  });

  test('the real archive checksum is the default, so a different archive is refused', async () => {
    await expect(downloadImdb({ cacheDir: tempDir(), url: server.url, size: null })).rejects.toMatchObject({
      code: 'CHECKSUM_MISMATCH',
    });
  });

  test('rejects an archive without the aclImdb folders or one that is not a tarball', async () => {
    const dir = tempDir();
    const notTar = join(dir, 'x.tar.gz');
    writeFileSync(notTar, 'hello');
    await expect(extractAclImdb(notTar, join(dir, 'out'))).rejects.toMatchObject({ code: 'ARCHIVE_INVALID' });
    const { create } = await import('tar');
    writeFileSync(join(dir, 'file.txt'), 'x');
    const other = join(dir, 'other.tar.gz');
    await create({ gzip: true, cwd: dir, file: other }, ['file.txt']);
    await expect(extractAclImdb(other, join(dir, 'out'))).rejects.toThrow(/not an aclImdb archive/);
    expect(existsSync(join(dir, 'out', 'aclImdb'))).toBe(false);
  });
});
