import { createTokenizer, type Tokenizer } from '@sentikit/tokenizer';
import { type CsrMatrix, Int32Buffer } from './csr.ts';
import { NbSvmError } from './errors.ts';
import { KeyTable } from './key-table.ts';
import { extendA, extendB, tokenHashA, tokenHashB } from './ngram-hash.ts';
import { FeatureOptions, type FeatureOptionsInput, parseOptions } from './options.ts';
import { selectVocabulary } from './vocabulary-select.ts';

/** One text's features: views into scratch buffers, valid until the next call. */
export interface RowView {
  /** Feature columns, each once. */
  indices: Int32Array;
  /** Values at those columns (1 for binary features). */
  values: Float32Array;
  /** Entries in the row. */
  length: number;
  /** Tokens in the text. */
  tokens: number;
}

/**
 * Turns texts into sparse n-gram features: the `@sentikit/tokenizer` tokens, their n-grams (n = 1 .. `ngrams`)
 * as 64-bit keys, then a column each from a vocabulary of kept keys (or a hash bucket). Create one with
 * {@link NgramFeaturizer.fit} (learns the vocabulary) or {@link NgramFeaturizer.fromVocabulary}.
 */
export class NgramFeaturizer {
  /** The validated options. */
  readonly options: FeatureOptions;
  /** Number of feature columns. */
  readonly numFeatures: number;
  readonly #tokenizer: Tokenizer;
  readonly #vocabulary: KeyTable | null;
  #tokA = new Uint32Array(1024);
  #tokB = new Uint32Array(1024);
  #keyA = new Uint32Array(1024);
  #keyB = new Uint32Array(1024);
  #mark: Int32Array;
  #local = new Uint32Array(0);
  #rowIndices = new Int32Array(1024);
  #rowValues = new Float32Array(1024);

  private constructor(options: FeatureOptions, vocabulary: KeyTable | null) {
    this.options = options;
    this.#tokenizer = createTokenizer(options.tokenizer);
    this.#vocabulary = vocabulary;
    this.numFeatures = vocabulary ? vocabulary.size : 2 ** (options.hashingBits ?? 0);
    this.#mark = new Int32Array(vocabulary ? 0 : this.numFeatures).fill(-1);
  }

  /**
   * Learns the vocabulary of `texts` (n-grams with at least `minDf` texts, the `maxFeatures` most frequent)
   * and returns it with the texts' feature matrix, tokenizing each text once.
   */
  static fit(
    texts: readonly string[],
    options: FeatureOptionsInput = {},
  ): { featurizer: NgramFeaturizer; matrix: CsrMatrix } {
    const parsed = parseOptions(FeatureOptions, options);
    if (parsed.hashingBits !== null) {
      const featurizer = new NgramFeaturizer(parsed, null);
      return { featurizer, matrix: featurizer.transform(texts) };
    }
    const table = new KeyTable(1 << 16);
    let df = new Int32Array(table.keysA.length);
    let last = new Int32Array(table.keysA.length).fill(-1);
    let pos = new Int32Array(parsed.binary ? 0 : table.keysA.length);
    const ids = new Int32Buffer(1 << 16);
    let counts = new Float32Array(parsed.binary ? 0 : 1 << 16);
    const indptr = new Int32Array(texts.length + 1);
    const scanner = new NgramFeaturizer(parsed, null);
    for (let d = 0; d < texts.length; d++) {
      const k = scanner.#scan(texts[d], d);
      for (let i = 0; i < k; i++) {
        const id = table.intern(scanner.#keyA[i] as number, scanner.#keyB[i] as number);
        if (id >= df.length) {
          df = grow(df, table.keysA.length, 0);
          last = grow(last, table.keysA.length, -1);
          if (!parsed.binary) pos = grow(pos, table.keysA.length, 0);
        }
        if (last[id] !== d) {
          last[id] = d;
          df[id] = (df[id] as number) + 1;
          if (!parsed.binary) {
            pos[id] = ids.length;
            if (ids.length >= counts.length) counts = growFloat(counts, ids.length * 2);
            counts[ids.length] = 1;
          }
          ids.push(id);
        } else if (!parsed.binary) {
          const p = pos[id] as number;
          counts[p] = (counts[p] as number) + 1;
        }
      }
      indptr[d + 1] = ids.length;
    }
    last = new Int32Array(0);
    const { column, keysA, keysB } = selectVocabulary(table, df, parsed.minDf, parsed.maxFeatures);
    const featurizer = new NgramFeaturizer(parsed, KeyTable.fromKeys(keysA, keysB));
    // Columns of dropped n-grams leave the rows; the rest are renumbered in place.
    let at = 0;
    let start = 0;
    for (let d = 0; d < texts.length; d++) {
      const end = indptr[d + 1] as number;
      for (let p = start; p < end; p++) {
        const c = column[ids.data[p] as number] as number;
        if (c < 0) continue;
        ids.data[at] = c;
        if (!parsed.binary) counts[at] = counts[p] as number;
        at++;
      }
      start = end;
      indptr[d + 1] = at;
    }
    const matrix: CsrMatrix = {
      rows: texts.length,
      cols: featurizer.numFeatures,
      indptr,
      indices: ids.data.slice(0, at),
      values: parsed.binary ? null : counts.slice(0, at),
    };
    return { featurizer, matrix };
  }

  /** A featurizer over a saved vocabulary: `keysA[i]`, `keysB[i]` is column i's n-gram key. */
  static fromVocabulary(
    options: FeatureOptionsInput,
    keys: { keysA: Uint32Array; keysB: Uint32Array } | null,
  ): NgramFeaturizer {
    const parsed = parseOptions(FeatureOptions, options);
    if ((parsed.hashingBits === null) !== (keys !== null))
      throw new NbSvmError(
        'INVALID_OPTIONS',
        'A featurizer needs a vocabulary exactly when hashingBits is null; pass keys or set hashingBits',
      );
    return new NgramFeaturizer(parsed, keys ? KeyTable.fromKeys(keys.keysA, keys.keysB) : null);
  }

  /** Column i's n-gram key (vocabulary mode), or null when hashing. Views, not copies. */
  get vocabulary(): { keysA: Uint32Array; keysB: Uint32Array } | null {
    const v = this.#vocabulary;
    return v ? { keysA: v.keysA.subarray(0, v.size), keysB: v.keysB.subarray(0, v.size) } : null;
  }

  /** The feature matrix of texts (one row each) over this featurizer's columns. */
  transform(texts: readonly string[]): CsrMatrix {
    const indices = new Int32Buffer(1 << 16);
    let vals: Float32Array | null = this.options.binary ? null : new Float32Array(0);
    const indptr = new Int32Array(texts.length + 1);
    for (let d = 0; d < texts.length; d++) {
      const row = this.row(texts[d], d);
      indices.reserve(indices.length + row.length);
      indices.data.set(row.indices.subarray(0, row.length), indices.length);
      if (vals) {
        if (vals.length < indices.length + row.length)
          vals = growFloat(vals, Math.max(indices.length + row.length, vals.length * 2));
        (vals as Float32Array).set(row.values.subarray(0, row.length), indices.length);
      }
      indices.length += row.length;
      indptr[d + 1] = indices.length;
    }
    return {
      rows: texts.length,
      cols: this.numFeatures,
      indptr,
      indices: indices.toArray(),
      values: vals ? vals.slice(0, indices.length) : null,
    };
  }

  /** One text's features (each column once; unknown n-grams dropped), in reused buffers. */
  row(text: unknown, index = 0): RowView {
    const k = this.#scan(text, index);
    if (this.#rowIndices.length < k) {
      this.#rowIndices = new Int32Array(k * 2);
      this.#rowValues = new Float32Array(k * 2);
    }
    return this.#vocabulary ? this.#rowByKeys(k, this.#vocabulary) : this.#rowByBuckets(k);
  }

  // Vocabulary mode: repeats are found in a small per-text table (cache-resident), so the big vocabulary is
  // asked once per distinct n-gram; distinct keys have distinct columns.
  #rowByKeys(k: number, vocabulary: KeyTable): RowView {
    let cap = 64;
    while (cap < k * 2) cap *= 2;
    if (this.#local.length < cap * 3) this.#local = new Uint32Array(cap * 3);
    const local = this.#local;
    local.fill(0, 0, cap * 3);
    const mask = cap - 1;
    const out = this.#rowIndices;
    const vals = this.#rowValues;
    const counts = !this.options.binary;
    let n = 0;
    for (let i = 0; i < k; i++) {
      const a = this.#keyA[i] as number;
      const b = this.#keyB[i] as number;
      let s = (a ^ Math.imul(b, 0x9e3779b1)) & mask;
      let at = s * 3;
      let tag = local[at + 2] as number;
      while (tag !== 0 && (local[at] !== a || local[at + 1] !== b)) {
        s = (s + 1) & mask;
        at = s * 3;
        tag = local[at + 2] as number;
      }
      if (tag !== 0) {
        // seen in this text: tag is its row position + 2, or 1 when not in the vocabulary
        if (counts && tag > 1) vals[tag - 2] = (vals[tag - 2] as number) + 1;
        continue;
      }
      local[at] = a;
      local[at + 1] = b;
      const c = vocabulary.find(a, b);
      if (c < 0) {
        local[at + 2] = 1;
        continue;
      }
      local[at + 2] = n + 2;
      out[n] = c;
      vals[n] = 1;
      n++;
    }
    return { indices: out, values: vals, length: n, tokens: this.#lastTokens };
  }

  // Hashing mode: different n-grams can share a bucket, so repeats are found by column.
  #rowByBuckets(k: number): RowView {
    const mark = this.#mark;
    const out = this.#rowIndices;
    const vals = this.#rowValues;
    const mask = this.numFeatures - 1;
    let n = 0;
    for (let i = 0; i < k; i++) {
      const c = (this.#keyA[i] as number) & mask;
      const m = mark[c] as number;
      if (m >= 0 && m < n && out[m] === c) {
        if (!this.options.binary) vals[m] = (vals[m] as number) + 1;
        continue;
      }
      mark[c] = n;
      out[n] = c;
      vals[n] = 1;
      n++;
    }
    return { indices: out, values: vals, length: n, tokens: this.#lastTokens };
  }

  // Fills #keyA/#keyB with the keys of every n-gram of the text; returns how many.
  #scan(text: unknown, index: number): number {
    if (typeof text !== 'string')
      throw new NbSvmError(
        'INVALID_TEXT',
        `Text ${index} is ${text === null ? 'null' : typeof text}, not a string; pass strings only`,
      );
    const tokens = this.#tokenizer.tokenize(text);
    const len = tokens.length;
    this.#lastTokens = len;
    const n = this.options.ngrams;
    const total = len * n;
    if (this.#keyA.length < total) {
      this.#keyA = new Uint32Array(total * 2);
      this.#keyB = new Uint32Array(total * 2);
    }
    const seqA = this.#keyA;
    const seqB = this.#keyB;
    // Token hashes first (hashing beats a Map lookup of the string), then n-grams from them.
    if (len > this.#tokA.length) {
      this.#tokA = new Uint32Array(len * 2);
      this.#tokB = new Uint32Array(len * 2);
    }
    const tokA = this.#tokA;
    const tokB = this.#tokB;
    for (let i = 0; i < len; i++) {
      const t = tokens[i] as string;
      tokA[i] = tokenHashA(t);
      tokB[i] = tokenHashB(t);
    }
    let k = 0;
    for (let i = 0; i < len; i++) {
      let a = tokA[i] as number;
      let b = tokB[i] as number;
      seqA[k] = a;
      seqB[k++] = b;
      const stop = Math.min(len, i + n);
      for (let j = i + 1; j < stop; j++) {
        a = extendA(a, tokA[j] as number);
        b = extendB(b, tokB[j] as number);
        seqA[k] = a;
        seqB[k++] = b;
      }
    }
    return k;
  }

  #lastTokens = 0;
}

function grow(a: Int32Array, size: number, fill: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(size).fill(fill);
  next.set(a);
  return next;
}

function growFloat(a: Float32Array, size: number): Float32Array<ArrayBuffer> {
  const next = new Float32Array(size);
  next.set(a);
  return next;
}
