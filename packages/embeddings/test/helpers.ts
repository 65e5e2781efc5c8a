import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, onTestFinished } from 'vitest';

/** A temporary folder removed after the test file (call at module level). */
export function tempDir(prefix = 'sentikit-emb-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A temporary folder removed when the current test ends (call inside a test). */
export function testTempDir(prefix = 'sentikit-emb-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

let n = 0;

/** Writes content (optionally gzip'd) to a fresh file in dir and returns its path. */
export function writeFixture(
  dir: string,
  content: string | Buffer,
  opts: { gzip?: boolean; name?: string } = {},
): string {
  const file = join(dir, opts.name ?? `fixture-${n++}${opts.gzip ? '.gz' : '.txt'}`);
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  writeFileSync(file, opts.gzip ? gzipSync(bytes) : bytes);
  return file;
}

/** word2vec binary bytes for the given words and float32 vectors (optional newline after each record). */
export function word2vecBinary(
  words: string[],
  vectors: number[][],
  newline = true,
  header?: string,
): Buffer {
  const dim = vectors[0]?.length ?? 0;
  const parts: Buffer[] = [Buffer.from(header ?? `${words.length} ${dim}\n`)];
  words.forEach((w, i) => {
    parts.push(Buffer.from(`${w} `));
    const rec = Buffer.alloc(4 * dim);
    (vectors[i] ?? []).forEach((x, j) => {
      rec.writeFloatLE(x, 4 * j);
    });
    parts.push(rec);
    if (newline) parts.push(Buffer.from('\n'));
  });
  return Buffer.concat(parts);
}

/** Deterministic pseudo-random float32 values in [-1, 1) (a tiny LCG), for fixtures. */
export function fixtureVectors(rows: number, dim: number, seed = 1): Float32Array {
  const out = new Float32Array(rows * dim);
  let s = seed >>> 0;
  for (let i = 0; i < out.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

/** Row i of a row-major matrix as a plain array. */
export function row(matrix: Float32Array, dim: number, i: number): number[] {
  return Array.from(matrix.subarray(i * dim, (i + 1) * dim));
}

/** Whether two float arrays hold the same bits (fast, unlike a deep equality on large typed arrays). */
export function sameBits(a: Float32Array, b: Float32Array): boolean {
  const bytes = (x: Float32Array) => Buffer.from(x.buffer, x.byteOffset, x.byteLength);
  return bytes(a).equals(bytes(b));
}
