import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { endianness } from 'node:os';
import { dirname } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { crc32 } from './crc32.ts';
import { embeddingsFormatSchema } from './detect-format.ts';

/** First 8 bytes of a cache file; the last three are the format version. */
export const CACHE_MAGIC = Buffer.from('SKEMB001', 'latin1');

const LITTLE_ENDIAN = endianness() === 'LE';

/** What makes a cache entry valid for a load: the source's identity, the vocabulary and the options. */
export const cacheKeySchema = z.strictObject({
  source: z.union([
    z.strictObject({ path: z.string(), size: z.number(), mtimeMs: z.number() }),
    z.strictObject({ path: z.string(), sha256: z.string() }),
  ]),
  vocabulary: z.strictObject({ sha256: z.string(), size: z.number() }),
  options: z.strictObject({
    format: z.string(),
    oov: z.string(),
    seed: z.number(),
    zeroRows: z.array(z.number()),
    lowercaseFallback: z.boolean(),
    missingLimit: z.number(),
  }),
});

/** The cache entry's identity. */
export type CacheKey = z.infer<typeof cacheKeySchema>;

/** The JSON header of a cache file: everything in the result except the matrix, plus integrity data. */
export const cacheHeaderSchema = z.strictObject({
  key: cacheKeySchema,
  rows: z.number().int().min(0),
  dim: z.number().int().min(1),
  format: embeddingsFormatSchema,
  found: z.number().int().min(0),
  coverage: z.strictObject({ types: z.number(), tokens: z.number().nullable() }),
  missing: z.array(z.string()),
  /** CRC-32 of the raw float32 bytes. */
  crc32: z.number().int(),
});

/** The JSON header of a cache file. */
export type CacheHeader = z.infer<typeof cacheHeaderSchema>;

/** Why a cache file was not used. */
export type CacheRejection = { ok: false; reason: string };

function payloadBytes(matrix: Float32Array): Uint8Array {
  const bytes = new Uint8Array(matrix.buffer, matrix.byteOffset, matrix.byteLength);
  if (LITTLE_ENDIAN) return bytes;
  const copy = Uint8Array.from(bytes);
  swap32(copy);
  return copy;
}

function swap32(b: Uint8Array): void {
  for (let i = 0; i + 3 < b.length; i += 4) {
    const [x, y] = [b[i] as number, b[i + 1] as number];
    b[i] = b[i + 3] as number;
    b[i + 1] = b[i + 2] as number;
    b[i + 2] = y;
    b[i + 3] = x;
  }
}

/**
 * Writes `magic | u32 LE header length | JSON header (space-padded to a multiple of 4) | float32 LE matrix`
 * to a temporary file in the same folder and renames it over `file`, so readers never see a partial file.
 */
export async function writeCache(
  file: string,
  header: Omit<CacheHeader, 'crc32'>,
  matrix: Float32Array,
): Promise<void> {
  const payload = payloadBytes(matrix);
  let json = JSON.stringify({ ...header, crc32: crc32(payload) });
  while ((12 + Buffer.byteLength(json)) % 4 !== 0) json += ' ';
  const head = Buffer.alloc(12 + Buffer.byteLength(json));
  CACHE_MAGIC.copy(head, 0);
  head.writeUInt32LE(Buffer.byteLength(json), 8);
  head.write(json, 12, 'utf8');
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const fh = await open(tmp, 'w');
    try {
      await fh.writeFile(head);
      await fh.writeFile(payload);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/**
 * Reads a cache file and returns its header and matrix, or why it cannot be trusted: missing, bad magic,
 * truncated, unparsable or mismatched header (another key, rows or dim), wrong size, or a CRC mismatch.
 */
export async function readCache(
  file: string,
  expectedKey: CacheKey,
  expectedRows: number,
): Promise<{ ok: true; header: CacheHeader; matrix: Float32Array } | CacheRejection> {
  let fh: Awaited<ReturnType<typeof open>>;
  try {
    fh = await open(file, 'r');
  } catch {
    return { ok: false, reason: 'no cache file' };
  }
  try {
    const size = (await fh.stat()).size;
    if (size < 12) return { ok: false, reason: 'truncated (no header)' };
    const pre = Buffer.alloc(12);
    await readFully(fh, pre, 0);
    if (!pre.subarray(0, 8).equals(CACHE_MAGIC)) return { ok: false, reason: 'bad magic' };
    const headerLength = pre.readUInt32LE(8);
    if (12 + headerLength > size) return { ok: false, reason: 'truncated (header)' };
    const headerBytes = Buffer.alloc(headerLength);
    await readFully(fh, headerBytes, 12);
    let raw: unknown;
    try {
      raw = JSON.parse(headerBytes.toString('utf8'));
    } catch {
      return { ok: false, reason: 'header is not JSON' };
    }
    const parsed = cacheHeaderSchema.safeParse(raw);
    if (!parsed.success) return { ok: false, reason: 'header does not match the schema' };
    const header = parsed.data;
    if (!isDeepStrictEqual(header.key, expectedKey))
      return { ok: false, reason: 'stale (source, vocabulary or options changed)' };
    if (header.rows !== expectedRows) return { ok: false, reason: 'header rows do not match the vocabulary' };
    const dataBytes = header.rows * header.dim * 4;
    if (size !== 12 + headerLength + dataBytes) return { ok: false, reason: `wrong size (${size} bytes)` };
    const matrix = new Float32Array(header.rows * header.dim);
    const bytes = new Uint8Array(matrix.buffer);
    await readFully(fh, bytes, 12 + headerLength);
    if (crc32(bytes) !== header.crc32) return { ok: false, reason: 'checksum mismatch' };
    if (!LITTLE_ENDIAN) swap32(bytes);
    return { ok: true, header, matrix };
  } catch (err) {
    return { ok: false, reason: `unreadable (${(err as Error).message})` };
  } finally {
    await fh.close();
  }
}

async function readFully(
  fh: Awaited<ReturnType<typeof open>>,
  into: Uint8Array,
  position: number,
): Promise<void> {
  let done = 0;
  while (done < into.length) {
    const len = Math.min(into.length - done, 1 << 30);
    const { bytesRead } = await fh.read(into, done, len, position + done);
    if (bytesRead === 0) throw new Error('unexpected end of cache file');
    done += bytesRead;
  }
}
