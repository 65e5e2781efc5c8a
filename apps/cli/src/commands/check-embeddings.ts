import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { detectFormat } from '@sentikit/embeddings';
import { CliError } from '../errors.ts';

const HEAD_BYTES = 64 << 10;

async function readHead(path: string): Promise<Buffer> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : (cause as Error).message;
    throw new CliError(
      'BAD_EMBEDDINGS',
      `--embeddings ${path}: ${why}; give the path of a word-vectors file`,
      {
        cause,
      },
    );
  }
  try {
    const raw = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(raw, 0, HEAD_BYTES, 0).catch((cause: unknown) => {
      throw new CliError('BAD_EMBEDDINGS', `--embeddings ${path}: ${(cause as Error).message}`, { cause });
    });
    const head = raw.subarray(0, bytesRead);
    if (!(head[0] === 0x1f && head[1] === 0x8b)) return head;
    // The first decompressed bytes are enough: a truncated tail is the full load's business.
    return await new Promise<Buffer>((resolve) => {
      const parts: Buffer[] = [];
      const gunzip = createGunzip();
      gunzip.on('data', (b: Buffer) => parts.push(b));
      gunzip.on('error', () => resolve(Buffer.concat(parts)));
      gunzip.on('end', () => resolve(Buffer.concat(parts)));
      gunzip.end(head);
    });
  } finally {
    await handle.close();
  }
}

/**
 * Checks, before any data is read, that the `--embeddings` file exists and starts like word vectors (GloVe,
 * word2vec or fastText): a missing file or, say, a CSV given by mistake fails at once instead of after the
 * data and vocabulary were built. The full parse later still reports a bad line by its number.
 * @throws CliError `BAD_EMBEDDINGS` naming the file and the problem
 */
export async function checkEmbeddingsFile(path: string): Promise<void> {
  const head = await readHead(path);
  const format = detectFormat(head);
  if (format === undefined) {
    throw new CliError('BAD_EMBEDDINGS', `--embeddings ${path}: the file is empty; give a word-vectors file`);
  }
  if (format !== 'glove') return;
  const text = head.toString('utf8');
  const first = (text.split('\n')[0] ?? '').replace(/^\uFEFF/, '').trim();
  const values = first.split(/[ \t]+/).slice(1);
  if (values.length === 0 || values.some((v) => !Number.isFinite(Number(v)))) {
    const shown = first.length > 60 ? `${first.slice(0, 57)}...` : first;
    throw new CliError(
      'BAD_EMBEDDINGS',
      `--embeddings ${path}:1: not word vectors (line 1 is ${JSON.stringify(shown)}; expected a word and its numbers, as in GloVe, word2vec or fastText)`,
    );
  }
}
