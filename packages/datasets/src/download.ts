import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DatasetError } from './errors.ts';

/** The aclImdb v1 archive on its Stanford page, with its size and SHA-256 (as TensorFlow Datasets records them). */
export const imdbArchive = {
  url: 'https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz',
  fileName: 'aclImdb_v1.tar.gz',
  size: 84_125_825,
  sha256: 'c40f74a18d3b61f90feba1e17730e0d38e8b97c05fde7008942e91923d1658fe',
} as const;

/** Called as bytes arrive: bytes of the file so far (a resumed part included) and the total when known. */
export type DownloadProgress = (bytes: number, total: number | undefined) => void;

/** Options of {@link downloadFile}. */
export interface DownloadOptions {
  /** The URL to fetch. */
  url: string;
  /** The final path; the download goes to `<dest>.part` and is renamed once verified. */
  dest: string;
  /** The expected SHA-256 (hex); a mismatch removes the part and fails with `CHECKSUM_MISMATCH`. */
  sha256?: string;
  /** The expected size in bytes; used when the server sends no length, and checked either way. */
  size?: number;
  /** Progress callback; see {@link DownloadProgress}. */
  onProgress?: DownloadProgress;
  /** The fetch to use (tests pass their own). @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Aborts the transfer; the part file is kept for resuming. */
  signal?: AbortSignal;
}

/** What {@link downloadFile} did. */
export interface DownloadResult {
  /** The verified file. */
  path: string;
  /** Its SHA-256, also written next to it as `<dest>.sha256` (sha256sum format). */
  sha256: string;
  /** Its size. */
  bytes: number;
  /** How the file came: fetched whole, resumed from a part file, or already there and verified. */
  how: 'fetched' | 'resumed' | 'cached';
}

/**
 * Downloads `url` to `dest` safely: bytes go to `<dest>.part` (resumed with an HTTP Range request when a part
 * exists), the size is checked against the server's and the expected one, the SHA-256 against `sha256`, and only
 * then is the part renamed to `dest`. An existing `dest` that verifies is reused.
 * @throws DatasetError `DOWNLOAD_FAILED` (HTTP error, broken or truncated transfer; the part is kept to resume),
 *   `CHECKSUM_MISMATCH` (the part is removed)
 */
export async function downloadFile(options: DownloadOptions): Promise<DownloadResult> {
  const { dest, url } = options;
  const expected = options.sha256?.toLowerCase();
  const existing = await sizeOf(dest);
  if (existing !== undefined) {
    const sha256 = await sha256File(dest);
    if ((!expected || sha256 === expected) && (options.size === undefined || existing === options.size)) {
      return { path: dest, sha256, bytes: existing, how: 'cached' };
    }
    await rm(dest, { force: true });
  }
  const part = `${dest}.part`;
  let offset = (await sizeOf(part)) ?? 0;
  if (options.size !== undefined && offset > options.size) {
    await rm(part, { force: true });
    offset = 0;
  }
  const fetchFn = options.fetch ?? globalThis.fetch;
  const request = (from: number) =>
    fetchFn(url, {
      ...(from > 0 ? { headers: { range: `bytes=${from}-` } } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    }).catch((cause: unknown) => {
      throw new DatasetError('DOWNLOAD_FAILED', `cannot fetch ${url}: ${describe(cause)}`, { cause });
    });
  let response = await request(offset);
  if (response.status === 416 && offset > 0 && offset !== options.size) {
    // The server cannot resume from this part: start over.
    await response.body?.cancel();
    await rm(part, { force: true });
    offset = 0;
    response = await request(0);
  }
  let resumed = false;
  let serverTotal: number | undefined;
  if (response.status === 416 && offset > 0) {
    await response.body?.cancel();
    resumed = true; // the part already holds every byte; verify it below
  } else if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new DatasetError(
      'DOWNLOAD_FAILED',
      `cannot fetch ${url}: HTTP ${response.status} ${response.statusText}`,
    );
  } else {
    const length = Number(response.headers.get('content-length') ?? Number.NaN);
    resumed = response.status === 206 && offset > 0 && rangeStart(response) === offset;
    if (resumed) {
      if (Number.isFinite(length)) serverTotal = offset + length;
    } else {
      if (response.status === 206) {
        await response.body.cancel();
        throw new DatasetError(
          'DOWNLOAD_FAILED',
          `${url}: the server answered a range that was not asked for`,
        );
      }
      offset = 0;
      if (Number.isFinite(length)) serverTotal = length;
    }
    const total = serverTotal ?? options.size;
    let bytes = offset;
    options.onProgress?.(bytes, total);
    // Each chunk is written (and awaited) before the next is read, so when the transfer breaks off the part
    // file holds exactly the bytes received, ready to resume.
    const file = await open(part, resumed ? 'a' : 'w');
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        await file.write(chunk);
        bytes += chunk.length;
        options.onProgress?.(bytes, total);
      }
    } catch (cause) {
      throw new DatasetError(
        'DOWNLOAD_FAILED',
        `download of ${url} broke off after ${bytes} bytes (${describe(cause)}); run again to resume`,
        { cause },
      );
    } finally {
      await file.close();
    }
  }
  const bytes = (await sizeOf(part)) ?? 0;
  if (serverTotal !== undefined && bytes < serverTotal) {
    throw new DatasetError(
      'DOWNLOAD_FAILED',
      `download of ${url} is truncated: ${bytes} of ${serverTotal} bytes; run again to resume`,
    );
  }
  if (options.size !== undefined && bytes !== options.size) {
    if (serverTotal === undefined && bytes < options.size) {
      throw new DatasetError(
        'DOWNLOAD_FAILED',
        `download of ${url} is truncated: ${bytes} of ${options.size} bytes; run again to resume`,
      );
    }
    await rm(part, { force: true });
    throw new DatasetError(
      'CHECKSUM_MISMATCH',
      `${url}: got ${bytes} bytes, expected ${options.size}: not the expected file; the download was removed`,
    );
  }
  const sha256 = await sha256File(part);
  if (expected && sha256 !== expected) {
    await rm(part, { force: true });
    throw new DatasetError(
      'CHECKSUM_MISMATCH',
      `${url}: SHA-256 is ${sha256}, expected ${expected}; the download was removed`,
    );
  }
  await rename(part, dest);
  await writeFile(`${dest}.sha256`, `${sha256}  ${basename(dest)}\n`);
  return { path: dest, sha256, bytes, how: resumed ? 'resumed' : 'fetched' };
}

/** The SHA-256 of a file, hex. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

async function sizeOf(path: string): Promise<number | undefined> {
  const info = await stat(path).catch(() => undefined);
  return info?.isFile() ? info.size : undefined;
}

function rangeStart(response: Response): number | undefined {
  const match = /^bytes (\d+)-/.exec(response.headers.get('content-range') ?? '');
  return match ? Number(match[1]) : undefined;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
