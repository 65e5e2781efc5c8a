import { classify, EMOJI, REGIONAL } from './char-classes.ts';

const ZWJ = 0x200d;
const VS15 = 0xfe0e;
const VS16 = 0xfe0f;
const KEYCAP = 0x20e3;

/**
 * End of the emoji grapheme starting at `i` with a pictographic (or keycap base) of `len` code units: the
 * presentation selector, skin tone, keycap mark and tag characters that follow, and further pictographics
 * joined by ZWJ (👩‍👩‍👧, 👍🏽, 🏴 with tags, 1️⃣).
 */
export function emojiEnd(s: string, i: number, len: number, n: number): number {
  let j = i + len;
  for (;;) {
    if (j < n) {
      const c = s.charCodeAt(j);
      if (c === VS16 || c === VS15) j++;
    }
    // Skin tones U+1F3FB..U+1F3FF are D83C DFFB..DFFF in UTF-16.
    if (j + 1 < n && s.charCodeAt(j) === 0xd83c) {
      const d = s.charCodeAt(j + 1);
      if (d >= 0xdffb && d <= 0xdfff) j += 2;
    }
    if (j < n && s.charCodeAt(j) === KEYCAP) j++;
    // Tag characters U+E0020..U+E007F are DB40 DC20..DC7F.
    while (j + 1 < n && s.charCodeAt(j) === 0xdb40) {
      const d = s.charCodeAt(j + 1);
      if (d < 0xdc20 || d > 0xdc7f) break;
      j += 2;
    }
    if (j + 1 < n && s.charCodeAt(j) === ZWJ) {
      const cp = s.codePointAt(j + 1) ?? 0;
      if (classify(cp) === EMOJI) {
        j += cp > 0xffff ? 3 : 2;
        continue;
      }
    }
    return j;
  }
}

/** End of a flag: two regional indicators (4 code units) when a second one follows, else the first alone. */
export function regionalEnd(s: string, i: number, n: number): number {
  if (i + 3 < n && classify(s.codePointAt(i + 2) ?? 0) === REGIONAL) return i + 4;
  return i + 2;
}

/** Whether an ASCII `#` or `*` at `i` is the base of a keycap emoji (#️⃣, *️⃣). */
export function isKeycapBase(s: string, i: number, n: number): boolean {
  if (i + 1 >= n) return false;
  const c = s.charCodeAt(i + 1);
  return c === KEYCAP || (c === VS16 && i + 2 < n && s.charCodeAt(i + 2) === KEYCAP);
}
