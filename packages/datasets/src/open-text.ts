import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

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

/** A UTF-8 text stream of the file, gunzipped when its first bytes say gzip (whatever its name). */
export async function openText(path: string): Promise<Readable> {
  const gzip = await isGzipFile(path);
  const raw = createReadStream(path);
  const stream: Readable = gzip ? raw.pipe(createGunzip()) : raw;
  if (gzip) raw.on('error', (error) => stream.destroy(error));
  stream.setEncoding('utf8');
  return stream;
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
