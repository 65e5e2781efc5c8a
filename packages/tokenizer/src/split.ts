import { APOS, ASCII_CLASS, classify, EMOJI, isLetter, MARK, REGIONAL, SPACE, WORD } from './char-classes.ts';
import { cliticLength, isApostrophe, isNegativeClitic } from './clitics.ts';
import { emojiEnd, isKeycapBase, regionalEnd } from './emoji.ts';
import { isNumber, urlEnd } from './placeholders.ts';
import { NUMBER_SPAN, type SpanBuffer, URL_SPAN } from './spans.ts';

const HYPHEN = 0x2d;
const DOT = 0x2e;

/** Which placeholders the splitter emits. */
export interface SplitOptions {
  /** Emit a `URL_SPAN` for each URL. */
  urls: boolean;
  /** Emit a `NUMBER_SPAN` for each number. */
  numbers: boolean;
}

/** Whether the character at `j` is a letter or number (a word may continue through a joiner to it). */
function isWordAt(s: string, j: number): boolean {
  const c = s.charCodeAt(j);
  if (c < 0x80) return ASCII_CLASS[c] === WORD;
  return classify(s.codePointAt(j) ?? c) === WORD;
}

function pushWord(s: string, start: number, end: number, out: SpanBuffer, o: SplitOptions): void {
  if (o.numbers && isNumber(s, start, end)) out.push(NUMBER_SPAN, 0);
  else out.push(start, end);
}

/** Emits the clitics (`'s 're 've 'll 'd 'm`) that directly follow position `i`; returns where they end. */
function cliticsAfter(s: string, i: number, n: number, out: SpanBuffer): number {
  let j = i;
  while (j < n && isApostrophe(s.charCodeAt(j))) {
    const m = cliticLength(s, j, n);
    if (m === 0) break;
    out.push(j, j + m);
    j += m;
  }
  return j;
}

/**
 * Scans the word starting at `start`: runs of letters, numbers and combining marks joined by single `-` or
 * `.`; a final `.` when the word is an abbreviation (`u.s.`); then splits off the clitics that follow.
 */
function scanWord(s: string, start: number, n: number, out: SpanBuffer, o: SplitOptions): number {
  if (o.urls) {
    const e = urlEnd(s, start, n);
    if (e > start) {
      out.push(URL_SPAN, 0);
      return e;
    }
  }
  let j = start;
  let segStart = start;
  let dotted = false;
  for (;;) {
    while (j < n) {
      const c = s.charCodeAt(j);
      if (c < 0x80) {
        if (ASCII_CLASS[c] !== WORD) break;
        j++;
      } else {
        const cp = s.codePointAt(j) ?? c;
        const k = classify(cp);
        if (k !== WORD && k !== MARK) break;
        j += cp > 0xffff ? 2 : 1;
      }
    }
    if (j + 1 < n) {
      const c = s.charCodeAt(j);
      if ((c === HYPHEN || c === DOT) && isWordAt(s, j + 1)) {
        if (c === DOT) dotted = true;
        j++;
        segStart = j;
        continue;
      }
    }
    break;
  }
  if (j < n) {
    const c = s.charCodeAt(j);
    if (c === DOT) {
      // An abbreviation keeps its final dot: the word has a `.` joiner and its last segment is one letter.
      if (dotted) {
        const cp = s.codePointAt(segStart) ?? 0;
        if (segStart + (cp > 0xffff ? 2 : 1) === j && isLetter(cp)) {
          pushWord(s, start, j + 1, out, o);
          return j + 1;
        }
      }
    } else if (isApostrophe(c)) {
      if (isNegativeClitic(s, j, n)) {
        if (j - 1 > start) pushWord(s, start, j - 1, out, o);
        out.push(j - 1, j + 2);
        return cliticsAfter(s, j + 2, n, out);
      }
      const m = cliticLength(s, j, n);
      if (m > 0) {
        pushWord(s, start, j, out, o);
        out.push(j, j + m);
        return cliticsAfter(s, j + m, n, out);
      }
    }
  }
  pushWord(s, start, j, out, o);
  return j;
}

/** An apostrophe that does not follow a word: a clitic (`'s` in `the 's`) or an `'` token. */
function scanApostrophe(s: string, i: number, n: number, out: SpanBuffer): number {
  const m = cliticLength(s, i, n);
  if (m > 0) {
    out.push(i, i + m);
    return i + m;
  }
  out.push(i, i + 1);
  return i + 1;
}

function scanNonAscii(s: string, i: number, n: number, out: SpanBuffer, o: SplitOptions): number {
  const cp = s.codePointAt(i) ?? 0;
  const len = cp > 0xffff ? 2 : 1;
  switch (classify(cp)) {
    case SPACE:
    case MARK:
      return i + len;
    case WORD:
      return scanWord(s, i, n, out, o);
    case APOS:
      return scanApostrophe(s, i, n, out);
    case EMOJI: {
      const e = emojiEnd(s, i, len, n);
      out.push(i, e);
      return e;
    }
    case REGIONAL: {
      const e = regionalEnd(s, i, n);
      out.push(i, e);
      return e;
    }
    default:
      out.push(i, i + len);
      return i + len;
  }
}

/**
 * ASCII classes of the splitter's fast path: 0 separator, 1 letter or digit, 2 `-` or `.` (may join a word),
 * 3 other punctuation (its own token), 4 `'`, 5 `#` or `*` (may start a keycap emoji).
 */
const FAST: Uint8Array = (() => {
  const t = new Uint8Array(128);
  for (let c = 0; c < 128; c++) {
    const k = ASCII_CLASS[c];
    t[c] = k === SPACE ? 0 : k === WORD ? 1 : k === APOS ? 4 : 3;
  }
  t[HYPHEN] = 2;
  t[DOT] = 2;
  t[0x23] = 5;
  t[0x2a] = 5;
  return t;
})();

/**
 * Splits normalised text into token spans, appending them to `out`: a hand-written scanner over char codes with an
 * ASCII fast path. See the package README for the rules.
 */
export function splitInto(s: string, out: SpanBuffer, o: SplitOptions): SpanBuffer {
  const table = FAST;
  const plain = !o.urls && !o.numbers;
  const n = s.length;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) {
      i = scanNonAscii(s, i, n, out, o);
      continue;
    }
    const k = table[c];
    if (k === 0) {
      i++;
    } else if (k === 1) {
      // Fast path: an ASCII word ended by a separator or plain punctuation needs no further rule.
      let j = i + 1;
      let d = 0;
      while (j < n) {
        d = s.charCodeAt(j);
        if (d >= 0x80 || table[d] !== 1) break;
        j++;
      }
      if (plain && (j === n || (d < 0x80 && (table[d] === 0 || table[d] === 3)))) {
        out.push(i, j);
        i = j;
      } else {
        i = scanWord(s, i, n, out, o);
      }
    } else if (k === 3 || k === 2) {
      out.push(i, i + 1);
      i++;
    } else if (k === 4) {
      i = scanApostrophe(s, i, n, out);
    } else if (isKeycapBase(s, i, n)) {
      const e = emojiEnd(s, i, 1, n);
      out.push(i, e);
      i = e;
    } else {
      out.push(i, i + 1);
      i++;
    }
  }
  return out;
}
