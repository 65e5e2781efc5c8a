import { FastScanner, type InternedIds, MAX_SCAN_LENGTH } from './fast-scanner.ts';
import type { NormalizerSteps } from './normalize.ts';

/**
 * The tokenizer's fast path when no placeholders are on: the same normalisation steps as `normalize`, then the
 * WebAssembly scanner splits the text and finds each token's interned string (or vocabulary id) in one pass
 * over its UTF-8 bytes. Pure-ASCII text (about 90% of IMDB reviews) needs no JavaScript per character: it is
 * written to the scanner's memory once (`TextEncoder.encodeInto`) and lowercased there. Other text is
 * normalised in JavaScript first, and each space-delimited piece holding a non-ASCII character comes back as
 * a chunk for the JavaScript splitter.
 */
export class FastPath {
  readonly #steps: NormalizerSteps;
  /** The normalised text of the last scan (not lowercased when `#lowerSlices`) and whether slices need it. */
  #source = '';
  #lowerSlices = false;

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
    let s = steps.markup(text); // never longer than the text
    let bytes = scanner.write(s);
    let lowerSlices = false;
    if (bytes === s.length) {
      // Pure ASCII: lowercasing is the only step left; the scanner lowercases the bytes, and the few tokens it
      // has no interned string for are lowercased when sliced.
      if (steps.lowercase) {
        scanner.lower(bytes);
        lowerSlices = true;
      }
    } else {
      s = steps.unicode(s);
      if (s.length > MAX_SCAN_LENGTH) return -1;
      bytes = scanner.write(s);
    }
    this.#source = s;
    this.#lowerSlices = lowerSlices;
    return scanner.scan(bytes);
  }

  /** The tokens of the last scan; `splitChunk` splits a normalised non-ASCII piece. */
  tokens(count: number, splitChunk: (chunk: string) => string[]): string[] {
    return FastScanner.shared().tokens(this.#source, count, this.#lowerSlices, splitChunk);
  }

  /** The vocabulary ids of the last scan (see {@link FastScanner.ids}). */
  ids(
    count: number,
    cache: InternedIds,
    idOf: (token: string) => number,
    chunkIds: (chunk: string) => Int32Array,
  ): Int32Array {
    return FastScanner.shared().ids(this.#source, count, this.#lowerSlices, cache, idOf, chunkIds);
  }
}
