import { ASCII_CLASS, classify, SPACE } from './char-classes.ts';

const NUMBER_RE = /^\p{N}$/u;

function startsWithIgnoreCase(s: string, i: number, prefix: string): boolean {
  if (i + prefix.length > s.length) return false;
  for (let k = 0; k < prefix.length; k++) {
    // `| 0x20` lowercases ASCII letters and leaves `:`, `/` and `.` as they are.
    if ((s.charCodeAt(i + k) | 0x20) !== prefix.charCodeAt(k)) return false;
  }
  return true;
}

const TRAILING = new Set(['.', ',', ';', ':', '!', '?', ')', ']', '}', "'", '"']);

/**
 * End of the URL starting at `i` (`http://`, `https://` or `www.` followed by a letter or digit), or -1. A URL
 * runs to the next whitespace, `"`, `<` or `>`, without trailing sentence punctuation.
 */
export function urlEnd(s: string, i: number, n: number): number {
  let p: number;
  if (startsWithIgnoreCase(s, i, 'http://')) p = i + 7;
  else if (startsWithIgnoreCase(s, i, 'https://')) p = i + 8;
  else if (startsWithIgnoreCase(s, i, 'www.')) p = i + 4;
  else return -1;
  let j = p;
  while (j < n) {
    const c = s.charCodeAt(j);
    if (c < 0x80) {
      if (ASCII_CLASS[c] === SPACE || c === 0x22 || c === 0x3c || c === 0x3e) break;
    } else if (classify(s.codePointAt(j) ?? c) === SPACE) {
      break;
    }
    j++;
  }
  while (j > p && TRAILING.has(s.charAt(j - 1))) j--;
  return j > p ? j : -1;
}

/** Whether `s[start..end)` is a number: digits, possibly joined by `.` or `-` (`1990`, `3.5`, `2-1`). */
export function isNumber(s: string, start: number, end: number): boolean {
  for (let j = start; j < end; j++) {
    const c = s.charCodeAt(j);
    if (c < 0x80) {
      if ((c < 0x30 || c > 0x39) && c !== 0x2e && c !== 0x2d) return false;
    } else if (!NUMBER_RE.test(s.charAt(j))) {
      return false;
    }
  }
  return true;
}
