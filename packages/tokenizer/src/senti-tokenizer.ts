import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  type EncodeBatchOptionsInput,
  type EncodedBatch,
  packBatch,
  parseEncodeBatchOptions,
} from './batch.ts';
import { TokenizerError } from './errors.ts';
import { createInternedIds } from './fast-scanner.ts';
import { parseVersionedFile } from './file-header.ts';
import { parseTokenizerOptions, type TokenizerOptions, type TokenizerOptionsInput } from './options.ts';
import { URL_SPAN } from './spans.ts';
import { TokenIndex } from './token-index.ts';
import { createTokenizer, type Tokenizer, tokenizerOf } from './tokenizer.ts';
import { requireString, TokenizerCore } from './tokenizer-core.ts';
import { TOKENIZER_FORMAT, TOKENIZER_FORMAT_VERSION, TokenizerFile } from './tokenizer-format.ts';
import { Vocabulary, type VocabularyOptions } from './vocabulary.ts';

/** Options of {@link SentiTokenizer.train}: the tokenizer's options plus the vocabulary's. */
export type TrainOptions = VocabularyOptions & {
  /**
   * Options of the tokenizer that splits the texts and that the result keeps.
   * @default {} (all defaults)
   */
  tokenizer?: TokenizerOptionsInput;
};

/** Options of {@link SentiTokenizer.decode}. */
export interface DecodeOptions {
  /**
   * Leave out padding ids.
   * @default true
   */
  skipPadding?: boolean;
}

/**
 * Tokenizer + vocabulary: text to ids and back, batches for the model, and the one serialisable object the
 * model artifact stores as `tokenizer.json`.
 */
export class SentiTokenizer {
  /** The normalisation and splitting. */
  readonly tokenizer: Tokenizer;
  /** The token ↔ id mapping. */
  readonly vocabulary: Vocabulary;
  readonly #core: TokenizerCore;
  readonly #index: TokenIndex;
  readonly #urlId: number;
  readonly #numberId: number;
  /** Vocabulary ids of the fast path's interned tokens, filled as they are met. */
  readonly #interned = createInternedIds();
  readonly #idOf = (token: string): number => this.vocabulary.idOf(token);

  /**
   * @param vocabulary ids for the tokens (build it with the same tokenizer options)
   * @param options tokenizer options; invalid ones throw `INVALID_OPTIONS`
   */
  constructor(vocabulary: Vocabulary, options?: TokenizerOptionsInput) {
    if (!(vocabulary instanceof Vocabulary)) {
      throw new TokenizerError('INVALID_INPUT', 'SentiTokenizer needs a Vocabulary');
    }
    this.vocabulary = vocabulary;
    this.#core = new TokenizerCore(parseTokenizerOptions(options));
    this.tokenizer = tokenizerOf(this.#core);
    this.#index = new TokenIndex(vocabulary.tokens);
    this.#urlId = vocabulary.idOf(this.#core.options.urlToken);
    this.#numberId = vocabulary.idOf(this.#core.options.numberToken);
  }

  /**
   * Builds the vocabulary from texts (one streaming pass over an iterable or async iterable) with the given
   * tokenizer options and returns the tokenizer that uses both.
   */
  static async train(
    texts: Iterable<string> | AsyncIterable<string>,
    options: TrainOptions = {},
  ): Promise<SentiTokenizer> {
    const { tokenizer: tokenizerOptions, ...vocabOptions } = options;
    const tokenizer = createTokenizer(tokenizerOptions);
    const vocabulary = await Vocabulary.build(texts, { ...vocabOptions, tokenizer });
    return new SentiTokenizer(vocabulary, tokenizer.options);
  }

  /** The tokenizer options, defaults filled in. */
  get options(): TokenizerOptions {
    return this.tokenizer.options;
  }

  /** The normalised text (see {@link Tokenizer.normalize}). */
  normalize(text: string): string {
    return this.tokenizer.normalize(text);
  }

  /** The tokens of a text (see {@link Tokenizer.tokenize}). */
  tokenize(text: string): string[] {
    return this.tokenizer.tokenize(text);
  }

  /**
   * The ids of a text's tokens; tokens outside the vocabulary get the unk id. Equal to
   * `encodeTokens(tokenize(text))`, but makes no token strings: the fast path maps its interned tokens to ids
   * once, and the JavaScript path looks ids up from spans of the normalised text.
   */
  encode(text: string): Int32Array {
    requireString(text);
    const core = this.#core;
    if (core.negation !== null) return this.encodeTokens(core.tokenize(text));
    return core.fastIds(text, this.#interned, this.#idOf) ?? this.#encodeNormalized(core.normalize(text));
  }

  /** The ids of already normalised text, by the JavaScript splitter and the span index. */
  #encodeNormalized(normalized: string): Int32Array {
    const spans = this.#core.spans(normalized);
    const n = spans.length;
    const data = spans.data;
    const index = this.#index;
    const unk = this.vocabulary.unkId;
    const ids = new Int32Array(n);
    for (let k = 0; k < n; k++) {
      const start = data[2 * k] as number;
      if (start < 0) {
        ids[k] = start === URL_SPAN ? this.#urlId : this.#numberId;
      } else {
        const id = index.idOfSpan(normalized, start, data[2 * k + 1] as number);
        ids[k] = id < 0 ? unk : id;
      }
    }
    return ids;
  }

  /** The ids of tokens; tokens outside the vocabulary get the unk id. */
  encodeTokens(tokens: readonly string[]): Int32Array {
    const ids = new Int32Array(tokens.length);
    const vocab = this.vocabulary;
    for (let i = 0; i < tokens.length; i++) ids[i] = vocab.idOf(tokens[i] as string);
    return ids;
  }

  /** The tokens of ids; throws `INVALID_INPUT` for an id outside the vocabulary. */
  decode(ids: ArrayLike<number>, options: DecodeOptions = {}): string[] {
    const skipPadding = options.skipPadding ?? true;
    const out: string[] = [];
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number;
      if (skipPadding && id === this.vocabulary.padId) continue;
      out.push(this.vocabulary.tokenOf(id));
    }
    return out;
  }

  /** The tokens of ids joined by single spaces. */
  decodeText(ids: ArrayLike<number>, options: DecodeOptions = {}): string {
    return this.decode(ids, options).join(' ');
  }

  /**
   * Encodes texts into one `batchSize × L` id matrix with `L = max(minLength, min(maxLength, longest text))`,
   * padding and truncating each row as the options say, and reports each text's full token count and
   * whether it was truncated.
   */
  encodeBatch(texts: readonly string[], options?: EncodeBatchOptionsInput): EncodedBatch {
    const o = parseEncodeBatchOptions(options);
    if (!Array.isArray(texts))
      throw new TokenizerError('INVALID_INPUT', 'encodeBatch needs an array of texts');
    return packBatch(
      texts.map((t) => this.encode(t)),
      o,
    );
  }

  /** The JSON form stored as `tokenizer.json` (see {@link TokenizerFile}). */
  toJSON(): TokenizerFile {
    return {
      format: TOKENIZER_FORMAT,
      version: TOKENIZER_FORMAT_VERSION,
      options: structuredClone(this.options),
      vocabulary: this.vocabulary.toJSON(),
    };
  }

  /**
   * Reads the JSON form; throws `INVALID_FORMAT` (naming the bad field) or `UNSUPPORTED_VERSION`.
   * @param json the parsed JSON value of a `tokenizer.json`
   */
  static fromJSON(json: unknown): SentiTokenizer {
    const file = parseVersionedFile(
      json,
      TokenizerFile,
      TOKENIZER_FORMAT,
      TOKENIZER_FORMAT_VERSION,
      'SentiKit tokenizer file',
    );
    return new SentiTokenizer(Vocabulary.fromJSON(file.vocabulary), file.options);
  }

  /** Writes the JSON form to a file (creating its folder); throws `IO_ERROR` when that fails. */
  async save(path: string): Promise<void> {
    try {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, `${JSON.stringify(this.toJSON())}\n`);
    } catch (cause) {
      throw new TokenizerError('IO_ERROR', `Cannot write tokenizer file ${path}: ${String(cause)}`, {
        cause,
      });
    }
  }

  /**
   * Reads a tokenizer file written by {@link SentiTokenizer.save}. Throws `IO_ERROR` when it cannot be read,
   * `INVALID_FORMAT` when it is not valid JSON or not a tokenizer file, `UNSUPPORTED_VERSION` for another
   * format version; messages start with the path.
   */
  static async load(path: string): Promise<SentiTokenizer> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (cause) {
      throw new TokenizerError('IO_ERROR', `Cannot read tokenizer file ${path}: ${String(cause)}`, { cause });
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (cause) {
      throw new TokenizerError('INVALID_FORMAT', `${path} is not valid JSON: ${String(cause)}`, { cause });
    }
    try {
      return SentiTokenizer.fromJSON(json);
    } catch (error) {
      if (error instanceof TokenizerError) {
        throw new TokenizerError(error.code, `${path}: ${error.message}`, { cause: error });
      }
      throw error;
    }
  }
}
