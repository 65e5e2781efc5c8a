// Byte-level parsing of the values of one text line: no strings are built for numbers, so a line costs one
// pass over its bytes. Results equal Math.fround(parseFloat(token)) exactly (see parseValues).

/** Exact powers of ten up to 1e22, the largest that a double holds exactly. */
const POW10 = Float64Array.from({ length: 23 }, (_, i) => 10 ** i);

/** |x| at or above this rounds to Infinity in float32 (half way between FLT_MAX and 2^128, ties to even). */
const F32_OVERFLOW = 2 ** 128 - 2 ** 103;

/** Largest integer a double holds exactly (2^53 - 1). */
const MAX_EXACT = Number.MAX_SAFE_INTEGER;

/** parseValues returned this: a token is not a decimal number. `failStart`/`failEnd` delimit it. */
export const BAD_NUMBER = -1;
/** parseValues returned this: a token is NaN, infinite, or overflows float32. */
export const NON_FINITE = -2;

/** Start and end byte of the token that made the last parseValues call fail. */
export let failStart = 0;
/** End (exclusive) of the token that made the last parseValues call fail. */
export let failEnd = 0;

function isSep(c: number): boolean {
  return c === 32 || c === 9 || c === 13;
}

/** Whether `buf[p, end)` starts with `nan` or `inf` in any case. */
function isNanOrInf(buf: Uint8Array, p: number, end: number): boolean {
  if (end - p < 3) return false;
  const a = (buf[p] as number) | 32;
  const b = (buf[p + 1] as number) | 32;
  const c = (buf[p + 2] as number) | 32;
  return (a === 110 && b === 97 && c === 110) || (a === 105 && b === 110 && c === 102);
}

function fail(buf: Uint8Array, start: number, end: number, code: number): number {
  let p = start;
  while (p < end && !isSep(buf[p] as number)) p++;
  failStart = start;
  failEnd = p;
  return code;
}

function slowParse(buf: Uint8Array, start: number, end: number): number {
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(buf[i] as number);
  return Number.parseFloat(s);
}

/**
 * Parses the whitespace-separated decimal numbers in `buf[p, end)` into `out` from `off`, storing at most
 * `max` of them (the rest are still checked and counted). Returns how many numbers the range holds, or
 * BAD_NUMBER / NON_FINITE with the token in `failStart`/`failEnd`.
 *
 * Accepts what a GloVe, word2vec or fastText writer produces: optional sign, digits with an optional point,
 * optional exponent (`-0.38497`, `1e-05`, `-1`, `4.1779e-05`, `.5`, `5.`). When the digits form an integer
 * below 2^53 and the decimal exponent is within ±22, the value is one IEEE operation on exact operands, hence
 * the correctly rounded double that parseFloat returns; otherwise (rare) the token goes to parseFloat. Storing
 * into a Float32Array then rounds as Math.fround does, so the result is exactly Math.fround(parseFloat(token)).
 */
export function parseValues(
  buf: Uint8Array,
  p: number,
  end: number,
  out: Float32Array,
  off: number,
  max: number,
): number {
  let n = 0;
  for (;;) {
    let c = 0;
    while (p < end) {
      c = buf[p] as number;
      if (c > 32 || (c !== 32 && c !== 9 && c !== 13)) break;
      p++;
    }
    if (p >= end) return n;
    const start = p;
    const neg = c === 45;
    if (neg || c === 43) p++;
    // Every digit goes into mant: exact while mant ≤ 2^53 - 1, which the slow-path test below checks.
    let mant = 0;
    const intStart = p;
    while (p < end) {
      const d = (buf[p] as number) - 48;
      if (d >>> 0 > 9) break;
      mant = mant * 10 + d;
      p++;
    }
    let digits = p - intStart;
    let exp = 0;
    if (p < end && buf[p] === 46) {
      p++;
      const fracStart = p;
      while (p < end) {
        const d = (buf[p] as number) - 48;
        if (d >>> 0 > 9) break;
        mant = mant * 10 + d;
        p++;
      }
      exp = fracStart - p;
      digits += p - fracStart;
    }
    if (digits === 0) return fail(buf, start, end, isNanOrInf(buf, p, end) ? NON_FINITE : BAD_NUMBER);
    if (p < end && ((buf[p] as number) | 32) === 101) {
      p++;
      let eneg = false;
      if (p < end && buf[p] === 45) {
        eneg = true;
        p++;
      } else if (p < end && buf[p] === 43) p++;
      let ev = 0;
      const expStart = p;
      while (p < end) {
        const d = (buf[p] as number) - 48;
        if (d >>> 0 > 9) break;
        if (ev < 100000) ev = ev * 10 + d;
        p++;
      }
      if (p === expStart) return fail(buf, start, end, BAD_NUMBER);
      exp += eneg ? -ev : ev;
    }
    if (p < end) {
      c = buf[p] as number;
      if (c !== 32 && c !== 9 && c !== 13) return fail(buf, start, end, BAD_NUMBER);
    }
    let v: number;
    if (mant <= MAX_EXACT && (exp + 22) >>> 0 <= 44) {
      v = exp < 0 ? mant / (POW10[-exp] as number) : mant * (POW10[exp] as number);
    } else v = Math.abs(slowParse(buf, start, p));
    if (!(v < F32_OVERFLOW)) return fail(buf, start, end, NON_FINITE);
    if (n < max) out[off + n] = neg ? -v : v;
    n++;
  }
}

/**
 * Counts the spaces in `buf[p, end)`, branch-free: the cheap dimension check for skipped lines, equal to the
 * number of values when they are separated by single spaces (fall back to countValues when it differs).
 */
export function countSpaces(buf: Uint8Array, p: number, end: number): number {
  let n = 0;
  for (; p < end; p++) n += +(buf[p] === 32);
  return n;
}

/** Counts the whitespace-separated tokens in `buf[p, end)`: the exact dimension check. */
export function countValues(buf: Uint8Array, p: number, end: number): number {
  let n = 0;
  let inToken = false;
  for (; p < end; p++) {
    const c = buf[p] as number;
    if (c === 32 || c === 9 || c === 13) inToken = false;
    else if (!inToken) {
      inToken = true;
      n++;
    }
  }
  return n;
}

/** Parses one number token (a whole string) the way parseValues does; throws on bad input. For tests. */
export function parseFloat32(token: string): number {
  const buf = Buffer.from(token, 'latin1');
  const out = new Float32Array(1);
  const n = parseValues(buf, 0, buf.length, out, 0, 1);
  if (n !== 1) throw new Error(`not one finite number: ${JSON.stringify(token)}`);
  return out[0] as number;
}
