import { createHash } from 'node:crypto';
import { EmbeddingsError } from './errors.ts';

/**
 * The vocabulary to align vectors to: row `i` of the result is `tokens[i]`. Frequencies (optional) are how
 * often each token occurs in your corpus; they weight the token coverage and order `missing`. Give them as
 * `frequencies` (row order) or through `frequencyOf(token)`; `frequencies` wins when both exist.
 *
 * A structural type: `@sentikit/tokenizer`'s `Vocabulary` fits as is (`tokens` + `frequencyOf`), and so does
 * a plain `{ tokens: ['<pad>', '<unk>', 'the', …], frequencies: [0, 0, 5120, …] }`.
 */
export interface EmbeddingVocabulary {
  /** Tokens in row order; unique. Row 0 is usually `<pad>`. */
  readonly tokens: readonly string[];
  /** Corpus counts in row order (same length as `tokens`, finite, ≥ 0). */
  readonly frequencies?: ArrayLike<number> | undefined;
  /** Corpus count of a token (finite, ≥ 0); used when `frequencies` is absent. */
  frequencyOf?(token: string): number;
}

/** A vocabulary checked and indexed for alignment. */
export interface PreparedVocabulary {
  tokens: readonly string[];
  frequencies: Float64Array | null;
  index: Map<string, number>;
  /** Rows that are zeros, never filled and left out of coverage. */
  zeroRows: number[];
}

/**
 * Checks a vocabulary (unique string tokens, frequencies of the same length, finite and ≥ 0) and resolves
 * the zero rows (row indices or tokens).
 */
export function prepareVocabulary(
  vocabulary: EmbeddingVocabulary,
  zeroRows: readonly (number | string)[],
): PreparedVocabulary {
  const bad = (msg: string): never => {
    throw new EmbeddingsError('INVALID_VOCABULARY', `invalid vocabulary: ${msg}`);
  };
  const tokens = vocabulary?.tokens;
  if (!Array.isArray(tokens)) bad('`tokens` must be an array of strings');
  const index = new Map<string, number>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (typeof t !== 'string') bad(`token ${i} is not a string`);
    if (index.has(t as string))
      bad(`token ${JSON.stringify(t)} appears at rows ${index.get(t as string)} and ${i}`);
    index.set(t as string, i);
  }
  let frequencies: Float64Array | null = null;
  const f = vocabulary.frequencies;
  if (f !== undefined && f !== null) {
    if (typeof f.length !== 'number' || f.length !== tokens.length) {
      bad(`${tokens.length} tokens but ${f.length} frequencies`);
    }
    frequencies = Float64Array.from(f);
  } else if (typeof vocabulary.frequencyOf === 'function') {
    frequencies = Float64Array.from(tokens, (t) => Number(vocabulary.frequencyOf?.(t)));
  }
  if (frequencies) {
    for (let i = 0; i < frequencies.length; i++) {
      const x = frequencies[i] as number;
      if (!(x >= 0 && x < Number.POSITIVE_INFINITY))
        bad(`frequency ${i} is ${x}; frequencies must be finite and ≥ 0`);
    }
  }
  const rows = new Set<number>();
  for (const z of zeroRows) {
    if (typeof z === 'number') {
      // An index past the end is fine for the default [0] on an empty vocabulary, and nothing else.
      if (z >= tokens.length) {
        if (tokens.length === 0) continue;
        throw new EmbeddingsError(
          'INVALID_OPTIONS',
          `zeroRows: row ${z} is past the vocabulary (${tokens.length})`,
        );
      }
      rows.add(z);
    } else {
      const r = index.get(z);
      if (r === undefined)
        throw new EmbeddingsError('INVALID_OPTIONS', `zeroRows: ${JSON.stringify(z)} is not a token`);
      rows.add(r);
    }
  }
  return { tokens, frequencies, index, zeroRows: [...rows].sort((a, b) => a - b) };
}

/** SHA-256 of the tokens and frequencies: the vocabulary's part of a cache key. */
export function hashVocabulary(v: PreparedVocabulary): string {
  const h = createHash('sha256');
  h.update(`${v.tokens.length}\n`);
  h.update(v.tokens.join('\u0000'));
  if (v.frequencies) {
    h.update('\u0001');
    h.update(new Uint8Array(v.frequencies.buffer, v.frequencies.byteOffset, v.frequencies.byteLength));
  }
  return h.digest('hex');
}
