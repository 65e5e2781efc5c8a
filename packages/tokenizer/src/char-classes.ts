/** Separator: whitespace, control and invisible format characters. Never part of a token. */
export const SPACE = 0;
/** A Unicode letter or number: the stuff of words. */
export const WORD = 1;
/** A combining mark: continues a word or an emoji, dropped on its own. */
export const MARK = 2;
/** Any other visible character: its own token. */
export const OTHER = 3;
/** An Extended_Pictographic character: starts an emoji token (with modifiers and ZWJ sequences). */
export const EMOJI = 4;
/** A regional indicator: two of them make one flag token. */
export const REGIONAL = 5;
/** An apostrophe (`'` or `’`): its own token unless it starts a clitic. */
export const APOS = 6;

/** Classes of the 128 ASCII code units, the splitter's fast path. */
export const ASCII_CLASS: Uint8Array = (() => {
  const t = new Uint8Array(128).fill(OTHER);
  for (let c = 0; c <= 0x20; c++) t[c] = SPACE;
  t[0x7f] = SPACE;
  for (let c = 0x30; c <= 0x39; c++) t[c] = WORD;
  for (let c = 0x41; c <= 0x5a; c++) t[c] = WORD;
  for (let c = 0x61; c <= 0x7a; c++) t[c] = WORD;
  t[0x27] = APOS;
  return t;
})();

/** One-character strings for ASCII, so punctuation tokens allocate nothing. */
export const ASCII_STRING: readonly string[] = Array.from({ length: 128 }, (_, c) => String.fromCharCode(c));

const SPACE_RE = /^[\s\p{Cc}\p{Cf}]$/u;
const WORD_RE = /^[\p{L}\p{N}]$/u;
const MARK_RE = /^\p{M}$/u;
const EMOJI_RE = /^\p{Extended_Pictographic}$/u;
const LETTER_RE = /^\p{L}$/u;

function computeClass(cp: number): number {
  if (cp === 0x2019) return APOS;
  if (cp >= 0x1f1e6 && cp <= 0x1f1ff) return REGIONAL;
  if (cp >= 0xd800 && cp <= 0xdfff) return OTHER;
  const ch = String.fromCodePoint(cp);
  if (SPACE_RE.test(ch)) return SPACE;
  if (WORD_RE.test(ch)) return WORD;
  if (MARK_RE.test(ch)) return MARK;
  if (EMOJI_RE.test(ch)) return EMOJI;
  return OTHER;
}

const UNKNOWN = 255;
// Filled lazily, one code point at a time: a text only pays for the characters it uses.
const bmpClass = new Uint8Array(0x10000).fill(UNKNOWN);
const astralClass = new Map<number, number>();

/** The splitter class of any code point (see the constants above). */
export function classify(cp: number): number {
  if (cp < 0x80) return ASCII_CLASS[cp] as number;
  if (cp < 0x10000) {
    const k = bmpClass[cp] as number;
    if (k !== UNKNOWN) return k;
    const computed = computeClass(cp);
    bmpClass[cp] = computed;
    return computed;
  }
  let k = astralClass.get(cp);
  if (k === undefined) {
    k = computeClass(cp);
    astralClass.set(cp, k);
  }
  return k;
}

/** Whether the code point is a Unicode letter (not a digit): abbreviation segments are single letters. */
export function isLetter(cp: number): boolean {
  if (cp < 0x80) return (cp | 0x20) >= 0x61 && (cp | 0x20) <= 0x7a;
  return LETTER_RE.test(String.fromCodePoint(cp));
}

/** The code point at `i` (a lone surrogate counts as itself). */
export function codePointAt(s: string, i: number): number {
  return s.codePointAt(i) ?? 0;
}
