import type { Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { EmbeddingsError, EmbeddingsFormatError } from './errors.ts';

/** Called with bytes read from disk (compressed bytes for gzip) and the file size. */
export type ProgressCallback = (bytesRead: number, totalBytes: number) => void;

/** Stats a source file, turning a missing file into a typed error. */
export async function statSource(path: string): Promise<Stats> {
  try {
    const st = await stat(path);
    if (!st.isFile()) throw new EmbeddingsError('READ_FAILED', `${path} is not a regular file`);
    return st;
  } catch (err) {
    if (err instanceof EmbeddingsError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new EmbeddingsError('FILE_NOT_FOUND', `no such file: ${path}`, { cause: err });
    throw new EmbeddingsError('READ_FAILED', `cannot read ${path}: ${(err as Error).message}`, {
      cause: err,
    });
  }
}

function readFailed(path: string, err: unknown): EmbeddingsError {
  return new EmbeddingsError('READ_FAILED', `cannot read ${path}: ${(err as Error).message}`, { cause: err });
}

/** Whether the file starts with the gzip magic bytes 1f 8b. */
export async function isGzipFile(path: string): Promise<boolean> {
  const fh = await open(path, 'r').catch((err: unknown) => {
    throw readFailed(path, err);
  });
  try {
    const magic = Buffer.alloc(2);
    const { bytesRead } = await fh.read(magic, 0, 2, 0);
    return bytesRead === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

/** Options of readChunks. */
export interface ReadChunksOptions {
  /** File size, for progress. */
  size: number;
  /** Read size (fs highWaterMark) and gunzip output chunk size. */
  chunkSize: number;
  /** Decompress through zlib. */
  gzip: boolean;
  /** Progress callback, throttled to about one call per 1% of the file plus a final call. */
  onProgress: ProgressCallback | undefined;
}

/**
 * Streams the decompressed content of a file in chunks of about `chunkSize` bytes. Chunks are fresh buffers
 * the caller may keep. A corrupt or truncated gzip stream becomes an EmbeddingsFormatError.
 */
export async function* readChunks(path: string, opts: ReadChunksOptions): AsyncGenerator<Buffer> {
  const fh = await open(path, 'r');
  const raw: Readable = fh.createReadStream({ highWaterMark: opts.chunkSize, autoClose: true });
  let bytesRead = 0;
  let reported = 0;
  const step = Math.max(1, Math.floor(opts.size / 100));
  let stream: Readable = raw;
  if (opts.gzip) {
    raw.on('data', (c: Buffer) => {
      bytesRead += c.length;
    });
    stream = pipeline(
      raw,
      createGunzip({ chunkSize: Math.max(64, Math.min(opts.chunkSize, 1 << 20)) }),
      () => {},
    );
  }
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (!opts.gzip) bytesRead += chunk.length;
      yield chunk;
      if (opts.onProgress && bytesRead - reported >= step && bytesRead < opts.size) {
        reported = bytesRead;
        opts.onProgress(bytesRead, opts.size);
      }
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'Z_BUF_ERROR')
      throw new EmbeddingsFormatError('TRUNCATED', { file: path }, 'the gzip stream ends unexpectedly');
    if (typeof code === 'string' && code.startsWith('Z_'))
      throw new EmbeddingsFormatError(
        'CORRUPT_GZIP',
        { file: path },
        `corrupt gzip data (${(err as Error).message})`,
      );
    throw (err as NodeJS.ErrnoException).syscall ? readFailed(path, err) : err;
  } finally {
    raw.destroy();
    stream.destroy();
  }
  opts.onProgress?.(opts.size, opts.size);
}
