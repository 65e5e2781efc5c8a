/** `start` of a span that stands for the URL placeholder. */
export const URL_SPAN = -1;
/** `start` of a span that stands for the number placeholder. */
export const NUMBER_SPAN = -2;

/** Buffers larger than this many entries (4 MiB) shrink again when a much shorter text comes. */
const SHRINK_ABOVE = 1 << 20;

/**
 * The splitter's output: token spans `[start, end)` into the normalised text, as pairs in one growable
 * Int32Array, so splitting allocates no strings. A placeholder token is a pair whose start is `URL_SPAN` or
 * `NUMBER_SPAN`.
 */
export class SpanBuffer {
  /** `start, end` pairs; only the first `2 * length` entries are in use. */
  data = new Int32Array(1024);
  /** Number of spans. */
  length = 0;

  /**
   * Empties the buffer and makes room for the spans of a text of `n` code units: every token covers at least
   * one code unit, so `n` spans always fit and `push` needs no bounds check.
   */
  reset(n: number): void {
    this.length = 0;
    const needed = 2 * n;
    if (this.data.length < needed) this.data = new Int32Array(Math.max(needed, 2 * this.data.length));
    // One huge text must not pin a huge buffer for the life of the tokenizer.
    else if (this.data.length > SHRINK_ABOVE && needed < this.data.length >> 2) {
      this.data = new Int32Array(Math.max(needed, 1024));
    }
  }

  /** Appends one span (room is made by `reset`). */
  push(start: number, end: number): void {
    const k = this.length << 1;
    this.data[k] = start;
    this.data[k + 1] = end;
    this.length++;
  }
}
