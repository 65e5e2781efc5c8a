import { ASCII_STRING } from './char-classes.ts';
import { TokenizerError } from './errors.ts';
import { FastPath } from './fast-path.ts';
import type { InternedIds } from './fast-scanner.ts';
import { markNegationInPlace, type NegationMarking } from './negation.ts';
import { createNormalizer, normalizerSteps } from './normalize.ts';
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
 * without making strings) and turning spans into token strings, and the WebAssembly fast path that does all of
 * it at once when no placeholders are on. Internal; the public face is `Tokenizer`.
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
  /** The scanner path; `null` when placeholders are on (the scanner does not emit them) or it is turned off. */
  readonly #fast: FastPath | null;

  /**
   * @param options parsed options
   * @param useScanner use the WebAssembly fast path where it applies (off: the JavaScript splitter only, which
   *   tests compare it with)
   */
  constructor(options: TokenizerOptions, useScanner = true) {
    this.options = options;
    this.normalize = createNormalizer(options);
    this.#fast =
      useScanner && !options.replaceUrls && !options.replaceNumbers
        ? new FastPath(normalizerSteps(options), (normalized) => this.tokensOf(normalized))
        : null;
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

  /** The tokens of already normalised text, by the JavaScript splitter. */
  tokensOf(normalized: string): string[] {
    const spans = this.spans(normalized);
    const n = spans.length;
    const tokens = new Array<string>(n);
    for (let k = 0; k < n; k++) tokens[k] = this.tokenAt(normalized, spans, k);
    return tokens;
  }

  /** Normalise, split, make the token strings and mark negation. */
  tokenize(text: string): string[] {
    const fast = this.#fast;
    const count = fast === null ? -1 : fast.scan(text);
    const tokens = fast !== null && count >= 0 ? fast.tokens(count) : this.tokensOf(this.normalize(text));
    return this.negation === null ? tokens : markNegationInPlace(tokens, this.negation);
  }

  /**
   * The vocabulary ids of a text's tokens by the fast path (see `FastScanner.ids`), or `null` when the fast path
   * does not apply (placeholders on, or a text too long for the scanner). Ignores negation marking.
   */
  fastIds(text: string, cache: InternedIds, idOf: (token: string) => number): Int32Array | null {
    const fast = this.#fast;
    if (fast === null) return null;
    const count = fast.scan(text);
    return count < 0 ? null : fast.ids(count, cache, idOf);
  }
}
