import { FastScanner, type InternedIds, MAX_SCAN_LENGTH } from './fast-scanner.ts';
import type { NormalizerSteps } from './normalize.ts';

/** The most chunk results kept per tokenizer (the cache starts over when full). */
const CHUNK_CACHE_SIZE = 4096;

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
  readonly #split: (normalized: string) => string[];
  /** The tokens of recent chunks (IMDB repeats them: cliché, it´s, \u0096), up to {@link CHUNK_CACHE_SIZE}. */
  readonly #chunks = new Map<string, readonly string[]>();
  /** The text of the last scan after the markup steps (not lowercased). */
  #source = '';

  /**
   * @param steps the normalisation steps
   * @param split the JavaScript splitter, for normalised non-ASCII pieces
   */
  constructor(steps: NormalizerSteps, split: (normalized: string) => string[]) {
    this.#steps = steps;
    this.#split = split;
  }

  /**
   * Normalises and scans `text`; returns the number of codes to read with {@link tokens} or {@link ids} before
   * the next scan, or -1 when the text is too long for the scanner.
   */
  scan(text: string): number {
    if (text.length > MAX_SCAN_LENGTH) return -1;
    const scanner = FastScanner.shared();
    const steps = this.#steps;
    // The scanner blanks the text's <br /> tags in its copy (IMDB's only tags) and looks for & as it goes, which
    // saves a copy and a scan of the text; other tags and entities take the JavaScript rules, and the text is
    // written again. Markup never lengthens the text.
    let s = text;
    let bytes = scanner.write(s);
    if (scanner.prepare(bytes, steps.stripHtml, steps.lowercase, steps.decodeEntities) !== 0) {
      s = steps.markup(text);
      bytes = scanner.write(s);
      scanner.prepare(bytes, false, steps.lowercase, false);
    }
    this.#source = s;
    return scanner.scan(bytes);
  }

  /** The tokens of the last scan. */
  tokens(count: number): string[] {
    return FastScanner.shared().tokens(this.#source, count, this.#steps.lowercase, this.#chunkTokens);
  }

  /** The vocabulary ids of the last scan (see {@link FastScanner.ids}). */
  ids(count: number, cache: InternedIds, idOf: (token: string) => number): Int32Array {
    return FastScanner.shared().ids(
      this.#source,
      count,
      this.#steps.lowercase,
      cache,
      idOf,
      this.#chunkTokens,
    );
  }

  /** The tokens of a non-ASCII piece as written in the text: normalised, then split by JavaScript. */
  readonly #chunkTokens = (chunk: string): readonly string[] => {
    let tokens = this.#chunks.get(chunk);
    if (tokens === undefined) {
      tokens = this.#split(this.#steps.unicode(chunk));
      if (this.#chunks.size >= CHUNK_CACHE_SIZE) this.#chunks.clear();
      this.#chunks.set(chunk, tokens);
    }
    return tokens;
  };
}
