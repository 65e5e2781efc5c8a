import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { PassThrough, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { DatasetError } from './errors.ts';

/** Whether the file starts with the gzip magic bytes `1f 8b`. */
export async function isGzipFile(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/** A read or gunzip failure as a DatasetError naming the file and what to do. */
function readError(path: string, error: Error): DatasetError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const problem = code.startsWith('Z_')
    ? `the gzip data is damaged or cut short (${error.message}); download or compress the file again`
    : `cannot read the file: ${error.message}`;
  return new DatasetError('BAD_RECORD', `${path}: ${problem}`, { cause: error });
}

/**
 * A UTF-8 text stream of the file, gunzipped when its first bytes say gzip (whatever its name). A read or
 * gunzip failure (e.g. a truncated `.gz`) surfaces as a DatasetError `BAD_RECORD` naming the file.
 */
export async function openText(path: string): Promise<Readable> {
  const gzip = await isGzipFile(path);
  const raw = createReadStream(path);
  const out = new PassThrough();
  const source: Readable = gzip ? raw.pipe(createGunzip()) : raw;
  const fail = (error: Error) => out.destroy(readError(path, error));
  raw.on('error', fail);
  if (gzip) source.on('error', fail);
  source.pipe(out);
  out.on('close', () => {
    raw.destroy();
    source.destroy();
  });
  out.setEncoding('utf8');
  return out;
}

/**
 * The file's lines (without `\n` or `\r\n`) with their 1-based numbers, streamed. A leading UTF-8 BOM is dropped.
 */
export async function* readLines(path: string): AsyncGenerator<{ line: string; number: number }> {
  const stream = await openText(path);
  let rest = '';
  let number = 0;
  let first = true;
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      let text = rest + chunk;
      if (first) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        first = false;
      }
      let start = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
        const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        yield { line: text.slice(start, end), number: ++number };
        start = nl + 1;
      }
      rest = text.slice(start);
    }
    if (rest.length > 0) yield { line: rest.endsWith('\r') ? rest.slice(0, -1) : rest, number: ++number };
  } finally {
    stream.destroy();
  }
}
