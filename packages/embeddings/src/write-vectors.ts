import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { EmbeddingsFormat } from './detect-format.ts';
import { EmbeddingsError } from './errors.ts';

/** Options of writeVectors. */
export interface WriteVectorsOptions {
  /**
   * The format to write.
   * @default 'glove'
   */
  format?: EmbeddingsFormat;
  /**
   * Compress with gzip.
   * @default false
   */
  gzip?: boolean;
}

/**
 * The shortest decimal that reads back (through parseFloat and float32 rounding) as the same float32:
 * at most 9 significant digits, so text files round-trip exactly.
 */
export function formatFloat32(x: number): string {
  const f = Math.fround(x);
  if (!Number.isFinite(f))
    throw new EmbeddingsError('INVALID_ARGUMENT', `cannot write the non-finite value ${x}`);
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  for (let p = 1; p < 9; p++) {
    const s = f.toPrecision(p);
    if (Math.fround(Number.parseFloat(s)) === f) return String(Number.parseFloat(s));
  }
  return String(Number.parseFloat(f.toPrecision(9)));
}

/**
 * Writes vectors in any supported format (optionally gzip'd): `words[i]` with row i of `matrix`
 * (`words.length × dim`). Text values are the shortest decimals that round-trip as float32.
 * @throws EmbeddingsError INVALID_ARGUMENT for a size mismatch, a non-finite value, or a word the format
 * cannot hold (empty, or containing whitespace)
 */
export async function writeVectors(
  path: string,
  words: readonly string[],
  matrix: ArrayLike<number>,
  dim: number,
  options: WriteVectorsOptions = {},
): Promise<void> {
  const format = options.format ?? 'glove';
  if (!Number.isInteger(dim) || dim < 1 || matrix.length !== words.length * dim) {
    throw new EmbeddingsError(
      'INVALID_ARGUMENT',
      `matrix has ${matrix.length} values, not ${words.length} × ${dim}`,
    );
  }
  for (const w of words) {
    if (w.length === 0 || /[\s]/u.test(w)) {
      throw new EmbeddingsError('INVALID_ARGUMENT', `cannot write the word ${JSON.stringify(w)}`);
    }
  }
  for (let i = 0; i < matrix.length; i++) {
    if (!Number.isFinite(Math.fround(matrix[i] as number))) {
      throw new EmbeddingsError(
        'INVALID_ARGUMENT',
        `cannot write the non-finite value ${matrix[i]} (index ${i})`,
      );
    }
  }
  const file = createWriteStream(path);
  const out = options.gzip ? createGzip() : file;
  if (options.gzip) out.pipe(file);
  const parts: (string | Buffer)[] = [];
  let size = 0;
  const put = async (part: string | Buffer): Promise<void> => {
    parts.push(part);
    size += part.length;
    if (size >= 1 << 20) await flush();
  };
  const flush = async (): Promise<void> => {
    const chunk = Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p)));
    parts.length = 0;
    size = 0;
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
  };
  if (format !== 'glove') await put(`${words.length} ${dim}\n`);
  for (let i = 0; i < words.length; i++) {
    if (format === 'word2vec-binary') {
      const rec = Buffer.alloc(dim * 4);
      for (let j = 0; j < dim; j++) rec.writeFloatLE(matrix[i * dim + j] as number, 4 * j);
      await put(`${words[i]} `);
      await put(rec);
      await put('\n');
      continue;
    }
    let line = words[i] as string;
    for (let j = 0; j < dim; j++) line += ` ${formatFloat32(matrix[i * dim + j] as number)}`;
    await put(format === 'fasttext-vec' ? `${line} \n` : `${line}\n`);
  }
  await flush();
  out.end();
  await finished(file);
}
