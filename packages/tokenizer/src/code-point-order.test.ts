import fc from 'fast-check';
import { expect, test } from 'vitest';
import { compareCodePoints } from './code-point-order.ts';

const byCodePoints = (a: string, b: string): number => {
  const x = [...a].map((c) => c.codePointAt(0) as number);
  const y = [...b].map((c) => c.codePointAt(0) as number);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
  }
  return x.length - y.length;
};

test('orders U+FFFD before an astral emoji, unlike UTF-16 order', () => {
  expect(compareCodePoints('\ufffd', '\u{1f600}')).toBeLessThan(0);
  expect('\ufffd' < '\u{1f600}').toBe(false);
});

test('agrees in sign with code point comparison on any strings', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
      expect(Math.sign(compareCodePoints(a, b))).toBe(Math.sign(byCodePoints(a, b)));
    }),
  );
});
