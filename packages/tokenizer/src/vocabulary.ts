import { z } from 'zod';
import { compareCodePoints } from './code-point-order.ts';
import { TokenizerError } from './errors.ts';
import { parseVersionedFile } from './file-header.ts';
import type { TokenizerOptionsInput } from './options.ts';
import { createTokenizer, type Tokenizer } from './tokenizer.ts';
import {
  Specials,
  VOCABULARY_FORMAT,
  VOCABULARY_FORMAT_VERSION,
  VocabularyFile,
  type VocabularyStats,
} from './vocabulary-format.ts';
import { formatZodError } from './zod-error.ts';

/** The plain (serialisable) vocabulary options, validated with zod. */
export const VocabularyOptions = z.strictObject({
  /**
   * Keep tokens seen at least this many times.
   * @default 1
   */
  minFreq: z.number().int().positive().default(1),
  /**
   * The most tokens the vocabulary holds, specials included; the most frequent are kept. No limit when absent.
   * @default undefined
   */
  maxSize: z.number().int().min(2).optional(),
  /**
   * The special tokens (`pad` = id 0, `unk` = id 1).
   * @default { pad: '<pad>', unk: '<unk>' }
   */
  specials: Specials.default({ pad: '<pad>', unk: '<unk>' }),
});

/** Options of {@link Vocabulary.fromCounts}. */
export type VocabularyOptions = z.input<typeof VocabularyOptions> & {
  /** Keep only tokens for which this returns true (e.g. tokens that have a GloVe vector). */
  filter?: (token: string, count: number) => boolean;
};

/** Options of {@link Vocabulary.build}. */
export type VocabularyBuildOptions = VocabularyOptions & {
  /**
   * The tokenizer, or options to create one, that splits the texts.
   * @default createTokenizer()
   */
  tokenizer?: Tokenizer | TokenizerOptionsInput;
};

function parseOptions(options: VocabularyOptions): z.infer<typeof VocabularyOptions> {
  const { filter: _filter, ...plain } = options;
  const parsed = VocabularyOptions.safeParse(plain);
  if (!parsed.success) {
    throw new TokenizerError(
      'INVALID_OPTIONS',
      `Invalid vocabulary options: ${formatZodError(parsed.error)}`,
      {
        cause: parsed.error,
      },
    );
  }
  return parsed.data;
}

function isTokenizer(value: unknown): value is Tokenizer {
  return typeof (value as Partial<Tokenizer> | undefined)?.tokenize === 'function';
}

/**
 * Token ↔ id mapping with corpus frequencies. Ids: `pad` 0, `unk` 1, then tokens by frequency (descending),
 * ties in code point order, so the same corpus always gives the same ids.
 */
export class Vocabulary {
  /** Tokens by id (frozen). */
  readonly tokens: readonly string[];
  /** The special tokens. */
  readonly specials: Readonly<Specials>;
  /** What the vocabulary was built from. */
  readonly stats: Readonly<VocabularyStats>;
  /** Id of the padding token: always 0. */
  readonly padId = 0;
  /** Id of the unknown token: always 1. */
  readonly unkId = 1;
  readonly #frequencies: readonly number[];
  readonly #ids: Map<string, number>;

  private constructor(file: VocabularyFile) {
    this.tokens = Object.freeze([...file.tokens]);
    this.specials = Object.freeze({ ...file.specials });
    this.stats = Object.freeze({ ...file.stats });
    this.#frequencies = Object.freeze([...file.frequencies]);
    this.#ids = new Map(this.tokens.map((t, i) => [t, i]));
  }

  /** Number of tokens, specials included. */
  get size(): number {
    return this.tokens.length;
  }

  /** The id of a token, or {@link Vocabulary.unkId} when it is not in the vocabulary. */
  idOf(token: string): number {
    return this.#ids.get(token) ?? 1;
  }

  /** Whether the token is in the vocabulary (specials included). */
  has(token: string): boolean {
    return this.#ids.has(token);
  }

  /** The token of an id; throws `INVALID_INPUT` for an id that is not an integer in `[0, size)`. */
  tokenOf(id: number): string {
    const token = Number.isInteger(id) ? this.tokens[id] : undefined;
    if (token === undefined) {
      throw new TokenizerError('INVALID_INPUT', `Token id ${id} is outside the vocabulary [0, ${this.size})`);
    }
    return token;
  }

  /** How often the token was seen when building (0 if unknown or `pad`; for `unk`, the tokens left out). */
  frequencyOf(token: string): number {
    const id = this.#ids.get(token);
    return id === undefined ? 0 : (this.#frequencies[id] ?? 0);
  }

  /** The JSON form (see {@link VocabularyFile}). */
  toJSON(): VocabularyFile {
    return {
      format: VOCABULARY_FORMAT,
      version: VOCABULARY_FORMAT_VERSION,
      specials: { ...this.specials },
      tokens: [...this.tokens],
      frequencies: [...this.#frequencies],
      stats: { ...this.stats },
    };
  }

  /**
   * Reads the JSON form; throws `INVALID_FORMAT` (naming the bad field) or `UNSUPPORTED_VERSION`.
   * @param json the parsed JSON value, e.g. `JSON.parse(text)`
   */
  static fromJSON(json: unknown): Vocabulary {
    return new Vocabulary(
      parseVersionedFile(
        json,
        VocabularyFile,
        VOCABULARY_FORMAT,
        VOCABULARY_FORMAT_VERSION,
        'SentiKit vocabulary',
      ),
    );
  }

  /**
   * Builds a vocabulary from token counts (a `Map` or `[token, count]` pairs): drops tokens under `minFreq`
   * or rejected by `filter`, orders by count then code point, and keeps the first `maxSize - 2`.
   */
  static fromCounts(
    counts: Iterable<readonly [string, number]>,
    options: VocabularyOptions = {},
    corpus: { documents?: number } = {},
  ): Vocabulary {
    const { minFreq, maxSize, specials } = parseOptions(options);
    const filter = options.filter;
    let total = 0;
    let types = 0;
    let padCount = 0;
    const kept: [string, number][] = [];
    for (const [token, count] of counts) {
      if (typeof token !== 'string' || !Number.isInteger(count) || count < 0) {
        throw new TokenizerError('INVALID_INPUT', `Bad count entry ${JSON.stringify([token, count])}`);
      }
      total += count;
      types++;
      if (token === specials.pad) padCount = count;
      else if (token !== specials.unk && count >= minFreq && (filter === undefined || filter(token, count))) {
        kept.push([token, count]);
      }
    }
    kept.sort((a, b) => b[1] - a[1] || compareCodePoints(a[0], b[0]));
    if (maxSize !== undefined && kept.length > maxSize - 2) kept.length = maxSize - 2;
    const keptTotal = kept.reduce((sum, [, c]) => sum + c, 0);
    return new Vocabulary({
      format: VOCABULARY_FORMAT,
      version: VOCABULARY_FORMAT_VERSION,
      specials,
      tokens: [specials.pad, specials.unk, ...kept.map(([t]) => t)],
      frequencies: [padCount, total - keptTotal - padCount, ...kept.map(([, c]) => c)],
      stats: { documents: corpus.documents ?? 0, tokens: total, types, minFreq, maxSize: maxSize ?? null },
    });
  }

  /**
   * Builds a vocabulary in one streaming pass over texts (any iterable or async iterable of strings):
   * tokenises each text, counts tokens, then applies {@link Vocabulary.fromCounts}.
   * @example
   * const vocab = await Vocabulary.build(['good film', 'bad film'], { minFreq: 1 });
   * vocab.idOf('film'); // 2
   */
  static async build(
    texts: Iterable<string> | AsyncIterable<string>,
    options: VocabularyBuildOptions = {},
  ): Promise<Vocabulary> {
    const { tokenizer: given, ...vocabOptions } = options;
    parseOptions(vocabOptions);
    const tokenizer = isTokenizer(given) ? given : createTokenizer(given);
    const counts = new Map<string, number>();
    let documents = 0;
    const add = (text: unknown): void => {
      if (typeof text !== 'string') {
        throw new TokenizerError('INVALID_INPUT', `Text ${documents} is ${typeof text}, expected a string`);
      }
      for (const token of tokenizer.tokenize(text)) counts.set(token, (counts.get(token) ?? 0) + 1);
      documents++;
    };
    if (typeof texts !== 'object' || texts === null) {
      throw new TokenizerError(
        'INVALID_INPUT',
        `Vocabulary.build needs an iterable of texts, got ${typeof texts}`,
      );
    }
    if (Symbol.asyncIterator in texts) {
      for await (const text of texts) add(text);
    } else if (Symbol.iterator in texts) {
      for (const text of texts) add(text);
    } else {
      throw new TokenizerError(
        'INVALID_INPUT',
        'Vocabulary.build needs an iterable or async iterable of texts',
      );
    }
    return Vocabulary.fromCounts(counts, vocabOptions, { documents });
  }
}
