import { ASCII_CLASS, classify, MARK, WORD } from './char-classes.ts';

const APOSTROPHE = 0x27;
const RIGHT_SINGLE_QUOTE = 0x2019;

/** Whether the code unit is `'` or `’`, the two apostrophes clitics are written with. */
export function isApostrophe(c: number): boolean {
  return c === APOSTROPHE || c === RIGHT_SINGLE_QUOTE;
}

/** Whether position `j` ends a clitic: end of text or a character that cannot continue a word. */
function isBoundary(s: string, j: number, n: number): boolean {
  if (j >= n) return true;
  const c = s.charCodeAt(j);
  if (c < 0x80) return ASCII_CLASS[c] !== WORD;
  const k = classify(s.codePointAt(j) ?? c);
  return k !== WORD && k !== MARK;
}

/**
 * Length of the clitic `'s 're 've 'll 'd 'm` (apostrophe included, any case) starting at the apostrophe at
 * `i` and followed by a word boundary, or 0.
 */
export function cliticLength(s: string, i: number, n: number): number {
  if (i + 1 >= n) return 0;
  const a = s.charCodeAt(i + 1) | 0x20;
  if (a === 0x73 || a === 0x64 || a === 0x6d) return isBoundary(s, i + 2, n) ? 2 : 0; // s d m
  if (i + 2 >= n) return 0;
  const b = s.charCodeAt(i + 2) | 0x20;
  if ((a === 0x72 && b === 0x65) || (a === 0x76 && b === 0x65) || (a === 0x6c && b === 0x6c)) {
    return isBoundary(s, i + 3, n) ? 3 : 0; // re ve ll
  }
  return 0;
}

/** Whether `n't` (any case, `'` or `’`) starts at `i - 1` for the apostrophe at `i`, followed by a boundary. */
export function isNegativeClitic(s: string, i: number, n: number): boolean {
  return (
    i >= 1 &&
    (s.charCodeAt(i - 1) | 0x20) === 0x6e &&
    i + 1 < n &&
    (s.charCodeAt(i + 1) | 0x20) === 0x74 &&
    isBoundary(s, i + 2, n)
  );
}

/** The clitic token for `s[start..end)`; the lowercase `'` spellings are constants, so they allocate nothing. */
export function cliticToken(s: string, start: number, end: number): string {
  const first = s.charCodeAt(start);
  const a = s.charCodeAt(start + 1);
  if (first === APOSTROPHE) {
    if (end - start === 2) {
      if (a === 0x73) return "'s";
      if (a === 0x64) return "'d";
      if (a === 0x6d) return "'m";
    } else {
      const b = s.charCodeAt(start + 2);
      if (a === 0x72 && b === 0x65) return "'re";
      if (a === 0x76 && b === 0x65) return "'ve";
      if (a === 0x6c && b === 0x6c) return "'ll";
    }
  } else if (first === 0x6e && a === APOSTROPHE && s.charCodeAt(start + 2) === 0x74) {
    return "n't";
  }
  return s.slice(start, end);
}
