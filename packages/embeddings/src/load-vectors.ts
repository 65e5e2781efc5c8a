import type { EmbeddingsFormat } from './detect-format.ts';
import { type LoadVectorsOptions, loadVectorsOptionsSchema, parseOptions } from './options.ts';
import { readVectorFile } from './read-vector-file.ts';
import { isGzipFile, statSource } from './source.ts';
import { CollectSink } from './vector-sink.ts';
import { WordVectors } from './word-vectors.ts';

/** Every vector of a file, with the format it was read as. */
export interface LoadedVectors extends WordVectors {
  /** The file's format (detected or given). */
  readonly format: EmbeddingsFormat;
}

/**
 * Loads every vector of a file (no vocabulary) into one Float32Array with a word → row index and precomputed
 * norms for `neighbours`. Duplicate words: the first occurrence wins (later ones are still checked).
 * @throws EmbeddingsFormatError for malformed content; EmbeddingsError for bad options or a missing file
 * @example
 * const vectors = await loadVectors('glove.6B.50d.txt');
 * vectors.neighbours('good', 5); // [{ word: 'better', similarity: 0.93 }, …]
 */
export async function loadVectors(path: string, options: LoadVectorsOptions = {}): Promise<LoadedVectors> {
  const opts = parseOptions(loadVectorsOptionsSchema, options);
  const st = await statSource(path);
  const gzip = await isGzipFile(path);
  const sink = new CollectSink(st.size, gzip);
  const read = await readVectorFile(path, sink, { ...opts, size: st.size, gzip });
  const vectors = new WordVectors(sink.words, sink.finish(), read.dim, sink.index);
  return Object.assign(vectors, { format: read.format });
}
