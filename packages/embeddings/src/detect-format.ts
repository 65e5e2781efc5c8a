import { z } from 'zod';

/** The vector file formats this package reads. */
export const embeddingsFormatSchema = z.enum(['glove', 'word2vec-text', 'word2vec-binary', 'fasttext-vec']);

/**
 * A vectors file format: `glove` (text, no header), `word2vec-text` (text with a `count dim` header),
 * `word2vec-binary` (header line, then word, space, dim float32 LE per record), `fasttext-vec` (fastText's
 * text `.vec`: word2vec text whose lines end with a space; read exactly like `word2vec-text`).
 */
export type EmbeddingsFormat = z.infer<typeof embeddingsFormatSchema>;

/** The largest dimension a header may announce (2^20); a larger one is taken for a corrupt header. */
export const MAX_DIM = 1 << 20;

/** How many decompressed bytes detection wants to see (less when the file is shorter). */
export const DETECT_BYTES = 64 << 10;

/**
 * Tells the format from the first bytes of the decompressed content:
 * - the first line is two unsigned integers (`count dim`) → a header, else `glove`;
 * - with a header, the bytes of the first record after its word: any byte that is not printable ASCII or
 *   whitespace → `word2vec-binary` (text formats write numbers in ASCII);
 * - text with a header whose first vector line ends in a space → `fasttext-vec`, else `word2vec-text`.
 * Returns undefined when the content is only whitespace.
 */
export function detectFormat(head: Buffer): EmbeddingsFormat | undefined {
  let s = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (s < head.length && isSpace(head[s] as number)) s++;
  if (s >= head.length) return undefined;
  let nl = head.indexOf(10, s);
  if (nl < 0) nl = head.length;
  const m = /^(\d+)[ \t]+(\d+)[ \t\r]*$/.exec(head.toString('latin1', s, nl));
  if (!m) return 'glove';
  const dim = Number(m[2]);
  let p = nl + 1;
  while (p < head.length && (head[p] === 10 || head[p] === 13)) p++;
  if (p >= head.length) return 'word2vec-text';
  const sp = head.indexOf(32, p);
  if (sp >= 0) {
    const end = Math.min(head.length, sp + 1 + 4 * dim);
    for (let i = sp + 1; i < end; i++) {
      const c = head[i] as number;
      if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c > 126) return 'word2vec-binary';
    }
  }
  let eol = head.indexOf(10, p);
  if (eol < 0) return 'word2vec-text';
  if (head[eol - 1] === 13) eol--;
  return head[eol - 1] === 32 ? 'fasttext-vec' : 'word2vec-text';
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}
