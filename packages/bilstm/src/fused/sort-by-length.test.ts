import fc from 'fast-check';
import { expect, test } from 'vitest';
import { sortByLength } from './lstm-direction.ts';

test('slots hold the sequences longest first, and the running rows are a prefix', () => {
  const { perm, lengths, active } = sortByLength(new Int32Array([2, 5, 0, 5, 9]), 6);
  expect(Array.from(perm)).toEqual([4, 1, 3, 0, 2]);
  expect(Array.from(lengths)).toEqual([6, 5, 5, 2, 0]); // 9 is clamped to the 6 steps
  expect(Array.from(active)).toEqual([4, 4, 3, 3, 3, 1]);
});

test('for any lengths: a permutation, sorted, and active[t] counts the sequences longer than t', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 20 }), (ls) => {
      const steps = 10;
      const { perm, lengths, active } = sortByLength(Int32Array.from(ls), steps);
      expect([...perm].sort((a, b) => a - b)).toEqual(ls.map((_, i) => i));
      for (const [r, l] of lengths.entries())
        expect(l).toBe(Math.min(ls[perm[r] as number] as number, steps));
      for (let r = 1; r < lengths.length; r++)
        expect(lengths[r - 1]).toBeGreaterThanOrEqual(lengths[r] as number);
      for (let t = 0; t < steps; t++) expect(active[t]).toBe(ls.filter((l) => Math.min(l, steps) > t).length);
    }),
  );
});
