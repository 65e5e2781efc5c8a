import { parseTokenizerOptions, type TokenizerOptions, type TokenizerOptionsInput } from './options.ts';
import { requireString, TokenizerCore } from './tokenizer-core.ts';

/** A configured tokenizer: the normalisation and splitting of {@link createTokenizer}. */
export interface Tokenizer {
  /** The options with every default filled in (what `tokenizer.json` stores). */
  readonly options: TokenizerOptions;
  /** Runs the normalisation steps only: HTML tags, entities, C1 controls, apostrophes, NFKC, lowercase. */
  normalize(text: string): string;
  /** Normalises, then splits into tokens (with placeholders and negation marks when those are on). */
  tokenize(text: string): string[];
}

/**
 * Builds a tokenizer from options (all optional; invalid ones throw `INVALID_OPTIONS`).
 * @example
 * createTokenizer().tokenize("I didn't like it.<br />") // ['i', 'did', "n't", 'like', 'it', '.']
 */
export function createTokenizer(options?: TokenizerOptionsInput): Tokenizer {
  return tokenizerOf(new TokenizerCore(parseTokenizerOptions(options)));
}

/** The public face of a tokenizer core (internal: `SentiTokenizer` shares its core with its `tokenizer`). */
export function tokenizerOf(core: TokenizerCore): Tokenizer {
  return Object.freeze({
    options: core.options,
    normalize(text: string): string {
      requireString(text);
      return core.normalize(text);
    },
    tokenize(text: string): string[] {
      requireString(text);
      return core.tokenize(text);
    },
  });
}
