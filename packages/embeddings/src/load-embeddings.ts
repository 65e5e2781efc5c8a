import { createHash } from 'node:crypto';
import type { Stats } from 'node:fs';
import { createReadStream } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { type CacheKey, readCache, writeCache } from './cache-file.ts';
import type { EmbeddingsFormat } from './detect-format.ts';
import { fillAbsentRows } from './oov-rows.ts';
import {
  type LoadEmbeddingsOptions,
  loadEmbeddingsOptionsSchema,
  parseOptions,
  type ResolvedEmbeddingsOptions,
} from './options.ts';
import { readVectorFile } from './read-vector-file.ts';
import { isGzipFile, statSource } from './source.ts';
import { AlignSink } from './vector-sink.ts';
import { hashVocabulary, type PreparedVocabulary, prepareVocabulary } from './vocabulary.ts';

/** How much of the vocabulary the file covers (zero rows left out). */
export interface Coverage {
  /** Share of vocabulary types (rows) found in the file, in [0, 1]. */
  types: number;
  /** Share of corpus tokens found, weighting each row by its frequency; null without frequencies. */
  tokens: number | null;
}

/** Vectors aligned to a vocabulary. */
export interface Embeddings {
  /** Vector dimension D. */
  dim: number;
  /** V × D row-major float32: row i is the vector of `vocabulary.tokens[i]`. */
  matrix: Float32Array;
  /** Vocabulary rows filled from the file. */
  found: number;
  /** Type and token coverage of the vocabulary. */
  coverage: Coverage;
  /** The most frequent vocabulary tokens absent from the file (at most `missingLimit`). */
  missing: string[];
  /** The file's format (detected or given). */
  format: EmbeddingsFormat;
  /** Whether the result came from the cache (the source was not parsed). */
  fromCache: boolean;
  /** The cache file used or written, or null without `cacheDir`. */
  cacheFile: string | null;
  /** Why an existing cache file was rebuilt, or why writing it failed; else null. */
  cacheNote: string | null;
}

/**
 * Loads pretrained vectors aligned to a vocabulary: row i of `matrix` is `vocabulary.tokens[i]`. Streams the
 * file (gzip or not, any supported format), parses only the vectors of vocabulary words, fills absent rows
 * per `oov`, keeps `zeroRows` at zero, and reports coverage and the most frequent missing words. With
 * `cacheDir`, the result is cached and a later identical load reads it back instead of parsing.
 * @throws EmbeddingsFormatError for malformed content; EmbeddingsError for bad options or vocabulary, or a
 * missing file.
 * @example
 * const emb = await loadEmbeddings('glove.6B.50d.txt.gz', { vocabulary, oov: 'random', seed: 42 });
 * emb.matrix; // Float32Array of vocabulary.tokens.length × emb.dim
 */
export async function loadEmbeddings(path: string, options: LoadEmbeddingsOptions): Promise<Embeddings> {
  const opts = parseOptions(loadEmbeddingsOptionsSchema, options);
  const vocab = prepareVocabulary(opts.vocabulary, opts.zeroRows);
  const st = await statSource(path);
  let cacheFile: string | null = null;
  let cacheNote: string | null = null;
  let key: CacheKey | undefined;
  if (opts.cacheDir !== undefined) {
    key = await cacheKeyOf(path, st, vocab, opts);
    const name = createHash('sha256')
      .update(JSON.stringify([key.source.path, opts.cacheKey, key.vocabulary, key.options]))
      .digest('hex')
      .slice(0, 24);
    cacheFile = join(resolve(opts.cacheDir), `${basename(path)}.${name}.skemb`);
    const hit = await readCache(cacheFile, key, vocab.tokens.length);
    if (hit.ok) {
      const { dim, found, coverage, missing, format } = hit.header;
      return {
        dim,
        matrix: hit.matrix,
        found,
        coverage,
        missing,
        format,
        fromCache: true,
        cacheFile,
        cacheNote,
      };
    }
    if (hit.reason !== 'no cache file') cacheNote = `cache rebuilt: ${hit.reason}`;
  }

  const rows = vocab.tokens.length;
  const sink = new AlignSink(vocab.index, rows, vocab.zeroRows, opts.lowercaseFallback);
  const read = await readVectorFile(path, sink, {
    format: opts.format,
    chunkSize: opts.chunkSize,
    onProgress: opts.onProgress,
    size: st.size,
    gzip: await isGzipFile(path),
  });
  const dim = read.dim;
  const matrix = sink.matrix;
  const present: number[] = [];
  const absent: number[] = [];
  for (let r = 0; r < rows; r++) {
    const s = sink.state[r] as number;
    if (s === 1 || s === 2) present.push(r);
    else if (s === 0) absent.push(r);
  }
  fillAbsentRows(matrix, dim, present, absent, opts.oov, opts.seed);
  const coverage = coverageOf(vocab, present, absent);
  const missing = mostFrequent(vocab, absent, opts.missingLimit);
  const result: Embeddings = {
    dim,
    matrix,
    found: present.length,
    coverage,
    missing,
    format: read.format,
    fromCache: false,
    cacheFile,
    cacheNote,
  };
  if (cacheFile !== null && key !== undefined) {
    try {
      await writeCache(
        cacheFile,
        { key, rows, dim, format: read.format, found: present.length, coverage, missing },
        matrix,
      );
    } catch (err) {
      result.cacheNote = `cache not written: ${(err as Error).message}`;
    }
  }
  return result;
}

async function cacheKeyOf(
  path: string,
  st: Stats,
  vocab: PreparedVocabulary,
  opts: ResolvedEmbeddingsOptions,
): Promise<CacheKey> {
  const abs = resolve(path);
  const source =
    opts.cacheKey === 'content'
      ? { path: abs, sha256: await sha256File(path) }
      : { path: abs, size: st.size, mtimeMs: st.mtimeMs };
  return {
    source,
    vocabulary: { sha256: hashVocabulary(vocab), size: vocab.tokens.length },
    options: {
      format: opts.format,
      oov: opts.oov,
      seed: opts.oov === 'random' ? opts.seed : 0,
      zeroRows: vocab.zeroRows,
      lowercaseFallback: opts.lowercaseFallback,
      missingLimit: opts.missingLimit,
    },
  };
}

async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 4 << 20 })) h.update(chunk as Buffer);
  return h.digest('hex');
}

function coverageOf(
  vocab: PreparedVocabulary,
  present: readonly number[],
  absent: readonly number[],
): Coverage {
  const eligible = present.length + absent.length;
  const types = eligible === 0 ? 0 : present.length / eligible;
  const f = vocab.frequencies;
  if (!f) return { types, tokens: null };
  let hit = 0;
  let all = 0;
  for (const r of present) hit += f[r] as number;
  all = hit;
  for (const r of absent) all += f[r] as number;
  return { types, tokens: all === 0 ? null : hit / all };
}

function mostFrequent(vocab: PreparedVocabulary, absent: readonly number[], limit: number): string[] {
  const f = vocab.frequencies;
  const order = f ? [...absent].sort((a, b) => (f[b] as number) - (f[a] as number) || a - b) : absent;
  return order.slice(0, limit).map((r) => vocab.tokens[r] as string);
}
