import { FastScanner, type InternedIds, MAX_SCAN_LENGTH } from './fast-scanner.ts';
import type { NormalizerSteps } from './normalize.ts';

/**
 * The tokenizer's fast path when no placeholders are on: the markup steps of `normalize` (in the scanner for
 * `<br />`, the only tag of most IMDB reviews), then the WebAssembly scanner lowercases the text's UTF-8 bytes,
 * splits them and finds each token's interned string (or vocabulary id), with no JavaScript per character. Each space-delimited piece holding a non-ASCII character
 * comes back as a chunk, which gets the non-ASCII normalisation steps and the JavaScript splitter on its own:
 * ASCII separators are boundaries for every step (NFKC composes nothing across them, lowercasing's final-sigma
 * context stops at them) and for every splitting rule, so this equals normalising and splitting the whole text.
 */
export class FastPath {
  readonly #steps: NormalizerSteps;
  /** The text of the last scan after the markup steps (not lowercased). */
  #source = '';

  constructor(steps: NormalizerSteps) {
    this.#steps = steps;
  }

  /**
   * Normalises and scans `text`; returns the number of codes to read with {@link tokens} or {@link ids} before
   * the next scan, or -1 when the text is too long for the scanner.
   */
  scan(text: string): number {
    if (text.length > MAX_SCAN_LENGTH) return -1;
    const scanner = FastScanner.shared();
    const steps = this.#steps;
    // With no entity to decode, the scanner blanks the text's <br /> tags in its copy (IMDB's only tags), which
    // saves a copy of the text; other tags take the JavaScript rule. Markup never lengthens the text.
    const entities = steps.decodeEntities && text.indexOf('&') !== -1;
    let s = entities ? steps.markup(text) : text;
    let bytes = scanner.write(s);
    if (steps.stripHtml && !entities && scanner.blankBreaks(bytes) !== 0) {
      s = steps.markup(text);
      bytes = scanner.write(s);
    }
    if (steps.lowercase) scanner.lower(bytes);
    this.#source = s;
    return scanner.scan(bytes);
  }

  /** The tokens of the last scan; `split` splits a normalised non-ASCII piece. */
  tokens(count: number, split: (normalizedChunk: string) => string[]): string[] {
    const steps = this.#steps;
    return FastScanner.shared().tokens(this.#source, count, steps.lowercase, steps.unicode, split);
  }

  /** The vocabulary ids of the last scan (see {@link FastScanner.ids}). */
  ids(
    count: number,
    cache: InternedIds,
    idOf: (token: string) => number,
    chunkIds: (normalizedChunk: string) => Int32Array,
  ): Int32Array {
    const steps = this.#steps;
    return FastScanner.shared().ids(
      this.#source,
      count,
      steps.lowercase,
      steps.unicode,
      cache,
      idOf,
      chunkIds,
    );
  }
}
