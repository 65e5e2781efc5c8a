import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  BAD_NUMBER,
  countSpaces,
  countValues,
  failEnd,
  failStart,
  NON_FINITE,
  parseFloat32,
  parseValues,
} from './parse-values.ts';

const reference = (s: string): number => Math.fround(Number.parseFloat(s));

/** GloVe's C writer prints `%lf`-like shortest forms with two-digit exponents: `4.1779e-05`. */
function gloveStyle(x: number, digits: number): string {
  const s = x.toPrecision(digits);
  const v = Number.parseFloat(s);
  if (v !== 0 && Math.abs(v) < 1e-4) {
    const [m, e] = v.toExponential().split('e') as [string, string];
    const exp = Number(e);
    return `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return String(v);
}

describe('parseFloat32', () => {
  test.each([
    '-0.38497',
    '1e-05',
    '-1',
    '4.1779e-05',
    '0.00066023',
    '-6.3681e-05',
    '.5',
    '5.',
    '+3',
    '0',
    '-0',
    '1E+10',
    '3.4028234e38',
    '0.12345678901234567890123',
    '123456789012345678901234',
    '1e-50',
    '1.5e-40',
    '000000000000000000000001.5',
  ])('%s reads as Math.fround(parseFloat)', (s) => {
    expect(Object.is(parseFloat32(s), reference(s))).toBe(true);
  });

  test('equals Math.fround(parseFloat) for shortest, fixed, exponent and GloVe-style forms', () => {
    const value = fc.double({ noNaN: true, noDefaultInfinity: true, min: -3e38, max: 3e38 });
    const form = fc.oneof(
      value.map((x) => String(x)),
      fc.tuple(value, fc.integer({ min: 0, max: 20 })).map(([x, d]) => x.toExponential(d)),
      fc.tuple(value, fc.integer({ min: 1, max: 21 })).map(([x, d]) => x.toPrecision(d)),
      fc
        .tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 12 }))
        .map(([x, d]) => x.toFixed(d)),
      fc
        .tuple(fc.double({ min: -5, max: 5, noNaN: true }), fc.integer({ min: 1, max: 8 }))
        .map(([x, d]) => gloveStyle(x, d)),
      fc
        .tuple(fc.integer({ min: -99999, max: 99999 }), fc.integer({ min: 1, max: 9 }))
        .map(([m, e]) => `${m / 10000}e-0${e}`),
    );
    fc.assert(
      fc.property(form, (s) => {
        expect(Object.is(parseFloat32(s), reference(s))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  test('values that overflow float32 or are NaN/infinite are rejected', () => {
    for (const s of ['3.5e38', '1e39', '-1e400', 'nan', 'NaN', 'inf', '-Infinity']) {
      expect(() => parseFloat32(s), s).toThrow(/not one finite number/);
    }
  });
});

describe('parseValues', () => {
  const run = (line: string, max = 10) => {
    const buf = Buffer.from(line, 'latin1');
    const out = new Float32Array(max);
    const n = parseValues(buf, 0, buf.length, out, 0, max);
    return {
      n,
      out: Array.from(out.subarray(0, Math.max(0, Math.min(n, max)))),
      bad: line.slice(failStart, failEnd),
    };
  };

  test('reads separated values, tolerating repeated spaces, tabs, CR and trailing separators', () => {
    expect(run(' 1 -2.5\t3e2  \r')).toEqual({ n: 3, out: [1, -2.5, 300], bad: expect.any(String) });
  });

  test('counts but does not store values past max', () => {
    expect(run('1 2 3 4', 2)).toMatchObject({ n: 4, out: [1, 2] });
  });

  test.each([
    ['1 abc 3', BAD_NUMBER, 'abc'],
    ['1 1.2.3', BAD_NUMBER, '1.2.3'],
    ['1e 2', BAD_NUMBER, '1e'],
    ['--1', BAD_NUMBER, '--1'],
    ['0x10', BAD_NUMBER, '0x10'],
    ['. 1', BAD_NUMBER, '.'],
    ['1 nan', NON_FINITE, 'nan'],
    ['-inf 2', NON_FINITE, '-inf'],
    ['1 2 1e39', NON_FINITE, '1e39'],
  ])('%j fails with %i at %j', (line, code, token) => {
    const r = run(line);
    expect(r.n).toBe(code);
    expect(r.bad).toBe(token);
  });
});

describe('countSpaces', () => {
  test('counts space bytes only', () => {
    const buf = Buffer.from(' 1  2\t3 ');
    expect(countSpaces(buf, 0, buf.length)).toBe(4);
    expect(countSpaces(buf, 1, 3)).toBe(1);
  });
});

describe('countValues', () => {
  test('counts tokens, not separators', () => {
    const buf = Buffer.from('  a  b\tc \r');
    expect(countValues(buf, 0, buf.length)).toBe(3);
    expect(countValues(buf, 0, 0)).toBe(0);
  });

  test('agrees with a split on whitespace', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('1', '-2.5', ' ', '\t', '  ', 'x')), (parts) => {
        const s = parts.join('');
        const buf = Buffer.from(s);
        expect(countValues(buf, 0, buf.length)).toBe(s.split(/[ \t\r]+/).filter(Boolean).length);
      }),
    );
  });
});
