import { ASCII_STRING } from './char-classes.ts';
import { TokenizerError } from './errors.ts';
import { markNegationInPlace, type NegationMarking } from './negation.ts';
import { createNormalizer } from './normalize.ts';
import type { TokenizerOptions } from './options.ts';
import { SpanBuffer, URL_SPAN } from './spans.ts';
import { type SplitOptions, splitInto } from './split.ts';

/** Throws `INVALID_INPUT` unless the value is a string. */
export function requireString(text: unknown, what = 'text'): asserts text is string {
  if (typeof text !== 'string') {
    throw new TokenizerError('INVALID_INPUT', `Expected the ${what} to be a string, got ${typeof text}`);
  }
}

/**
 * The tokenizer's machinery for parsed options: normalisation, splitting into spans (which encoding reads
 * without making strings) and turning spans into token strings. Internal; the public face is `Tokenizer`.
 */
export class TokenizerCore {
  readonly options: TokenizerOptions;
  readonly normalize: (text: string) => string;
  /** The placeholder tokens, `null` when off. */
  readonly urlToken: string | null;
  readonly numberToken: string | null;
  /** Negation marking settings, `null` when off. */
  readonly negation: NegationMarking | null;
  readonly #split: SplitOptions;
  // One buffer reused by every call: splitting is synchronous and never re-entered.
  readonly #spans = new SpanBuffer();

  constructor(options: TokenizerOptions) {
    this.options = options;
    this.normalize = createNormalizer(options);
    this.urlToken = options.replaceUrls ? options.urlToken : null;
    this.numberToken = options.replaceNumbers ? options.numberToken : null;
    this.#split = { urls: options.replaceUrls, numbers: options.replaceNumbers };
    this.negation = options.markNegation
      ? {
          words: new Set(options.negationWords.map((w) => w.toLowerCase().replaceAll('\u2019', "'"))),
          suffix: options.negationSuffix,
          keep: new Set([this.urlToken, this.numberToken].filter((t): t is string => t !== null)),
          foldCase: !options.lowercase,
        }
      : null;
  }

  /** Splits already normalised text; the returned buffer is reused by the next call. */
  spans(normalized: string): SpanBuffer {
    const buffer = this.#spans;
    buffer.reset(normalized.length);
    return splitInto(normalized, buffer, this.#split);
  }

  /** The token of the span `k` of `spans` over `normalized`. */
  tokenAt(normalized: string, spans: SpanBuffer, k: number): string {
    const start = spans.data[2 * k] as number;
    const end = spans.data[2 * k + 1] as number;
    if (start < 0) return (start === URL_SPAN ? this.urlToken : this.numberToken) as string;
    if (end - start === 1) {
      const c = normalized.charCodeAt(start);
      return c < 0x80 ? (ASCII_STRING[c] as string) : normalized.charAt(start);
    }
    return normalized.slice(start, end);
  }

  /** Normalise, split, make the token strings and mark negation. */
  tokenize(text: string): string[] {
    const normalized = this.normalize(text);
    const spans = this.spans(normalized);
    const n = spans.length;
    const tokens = new Array<string>(n);
    for (let k = 0; k < n; k++) tokens[k] = this.tokenAt(normalized, spans, k);
    return this.negation === null ? tokens : markNegationInPlace(tokens, this.negation);
  }
}
