/**
 * Python's `format(x, '.{digits}f')`: fixed notation from the exact binary value, exact ties rounded to
 * even (JavaScript's `toFixed` rounds exact ties away from zero: 0.125 → "0.13", Python "0.12").
 */
export function formatFixed(x: number, digits: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (Math.abs(x) >= 1e21)
    return BigInt(Math.trunc(x)).toString() + (digits > 0 ? `.${'0'.repeat(digits)}` : '');
  const text = (Object.is(x, -0) ? '-' : '') + x.toFixed(digits);
  const tie = exactTie(Math.abs(x), digits);
  if (tie === undefined) return text;
  const [floor, odd] = tie;
  if (!odd) {
    // Round half to even: the even neighbour is the floor, toFixed went up.
    const s = floor.toString().padStart(digits + 1, '0');
    const body = digits > 0 ? `${s.slice(0, -digits)}.${s.slice(-digits)}` : s;
    return (x < 0 || Object.is(x, -0) ? '-' : '') + body;
  }
  return text;
}

/**
 * When |x|·10^digits is exactly k + 1/2, returns [k, k is odd]; otherwise undefined. Uses the exact
 * mantissa and exponent of the double.
 */
function exactTie(ax: number, digits: number): [bigint, boolean] | undefined {
  if (ax === 0) return undefined;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, ax);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const expBits = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp: number;
  if (expBits === 0) exp = -1074;
  else {
    mantissa |= 1n << 52n;
    exp = expBits - 1075;
  }
  // ax = mantissa · 2^exp; scaled = mantissa · 10^digits · 2^exp.
  if (exp >= 0) return undefined;
  const num = mantissa * 10n ** BigInt(digits);
  const shift = BigInt(-exp);
  const denom = 1n << shift;
  const twice = (num * 2n) % (denom * 2n);
  if (twice !== denom) return undefined;
  const floor = num >> shift;
  return [floor, floor % 2n === 1n];
}

/** Python's `'{:>{width}}'.format(s)`: right-aligned, never truncated. */
export function rightAlign(s: string, width: number): string {
  return s.length >= width ? s : ' '.repeat(width - s.length) + s;
}
