import { BinaryParser } from './binary-parser.ts';
import { DETECT_BYTES, detectFormat, type EmbeddingsFormat } from './detect-format.ts';
import { EmbeddingsFormatError } from './errors.ts';
import { type ProgressCallback, readChunks } from './source.ts';
import { TextParser } from './text-parser.ts';
import type { VectorSink } from './vector-sink.ts';

/** What reading a file found. */
export interface ReadResult {
  format: EmbeddingsFormat;
  gzip: boolean;
  dim: number;
  /** Records (words) in the file, duplicates and skipped words included. */
  records: number;
}

/** How to read a vectors file. */
export interface ReadVectorFileOptions {
  format: 'auto' | EmbeddingsFormat;
  chunkSize: number;
  onProgress?: ProgressCallback | undefined;
  /** File size in bytes. */
  size: number;
  /** Whether the file is gzip'd (see isGzipFile). */
  gzip: boolean;
}

/**
 * Streams a vectors file into a sink: decompresses it when gzip'd, detects the format from the first 64 KiB
 * of decompressed content (unless given), then feeds every chunk to the format's parser.
 */
export async function readVectorFile(
  path: string,
  sink: VectorSink,
  opts: ReadVectorFileOptions,
): Promise<ReadResult> {
  const gzip = opts.gzip;
  let format = opts.format === 'auto' ? undefined : opts.format;
  let parser: TextParser | BinaryParser | undefined;
  const pending: Buffer[] = [];
  let pendingBytes = 0;

  const start = (): void => {
    const head = pending.length === 1 ? (pending[0] as Buffer) : Buffer.concat(pending);
    pending.length = 0;
    format ??= detectFormat(head);
    if (format === undefined) {
      throw new EmbeddingsFormatError('EMPTY_FILE', { file: path }, 'the file holds no vectors');
    }
    parser =
      format === 'word2vec-binary'
        ? new BinaryParser(sink, path)
        : new TextParser(sink, path, format !== 'glove');
    parser.push(head);
  };

  for await (const chunk of readChunks(path, {
    size: opts.size,
    chunkSize: opts.chunkSize,
    gzip,
    onProgress: opts.onProgress,
  })) {
    if (parser) {
      parser.push(chunk);
      continue;
    }
    pending.push(chunk);
    pendingBytes += chunk.length;
    if (format !== undefined || pendingBytes >= DETECT_BYTES) start();
  }
  if (!parser) start();
  const result = (parser as unknown as TextParser | BinaryParser).end();
  return { format: format as EmbeddingsFormat, gzip, dim: result.dim, records: result.records };
}
