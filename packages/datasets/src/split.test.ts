import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { stratifiedSplit } from './split.ts';

const rowsArb = fc
  .array(fc.integer({ min: 0, max: 3 }), { maxLength: 300 })
  .map((labels) => labels.map((label, id) => ({ id, label })));
const optionsArb = fc.record({
  valFraction: fc.double({ min: 0, max: 0.99, noNaN: true }),
  seed: fc.integer({ min: -1e9, max: 1e9 }),
});

describe('stratifiedSplit', () => {
  test('property: disjoint and complete, both sides in input order', () => {
    fc.assert(
      fc.property(rowsArb, optionsArb, (rows, options) => {
        const { train, val } = stratifiedSplit(rows, options);
        const ids = [...train, ...val].map((r) => r.id).sort((a, b) => a - b);
        expect(ids).toEqual(rows.map((r) => r.id));
        for (const side of [train, val]) {
          expect(side.map((r) => r.id)).toEqual([...side.map((r) => r.id)].sort((a, b) => a - b));
        }
      }),
    );
  });

  test('property: each class gives exactly round(count * valFraction) rows to validation', () => {
    fc.assert(
      fc.property(rowsArb, optionsArb, (rows, options) => {
        const { val } = stratifiedSplit(rows, options);
        for (const label of new Set(rows.map((r) => r.label))) {
          const count = rows.filter((r) => r.label === label).length;
          expect(val.filter((r) => r.label === label)).toHaveLength(Math.round(count * options.valFraction));
        }
      }),
    );
  });

  test('property: the same seed gives the same split', () => {
    fc.assert(
      fc.property(rowsArb, optionsArb, (rows, options) => {
        expect(stratifiedSplit(rows, options)).toEqual(stratifiedSplit(rows, options));
      }),
    );
  });

  test('different seeds pick different validation rows on a large input', () => {
    const rows = Array.from({ length: 1000 }, (_, id) => ({ id, label: id % 2 }));
    const a = stratifiedSplit(rows, { seed: 1 }).val.map((r) => r.id);
    const b = stratifiedSplit(rows, { seed: 2 }).val.map((r) => r.id);
    expect(a).toHaveLength(100);
    expect(a).not.toEqual(b);
  });

  test('rejects a fraction outside [0, 1) and a fractional seed', () => {
    for (const valFraction of [-0.1, 1, Number.NaN]) {
      expect(() => stratifiedSplit([], { valFraction })).toThrow(/val fraction/);
    }
    expect(() => stratifiedSplit([], { seed: 1.5 })).toThrow(/seed must be an integer/);
  });
});
