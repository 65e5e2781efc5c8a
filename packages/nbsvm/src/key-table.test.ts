import fc from 'fast-check';
import { expect, test } from 'vitest';
import { KeyTable } from './key-table.ts';

test('interns keys to dense ids in insertion order, across growth', () => {
  const table = new KeyTable(4);
  for (let i = 0; i < 5000; i++) expect(table.intern(i * 7919, i ^ 0xdeadbeef)).toBe(i);
  expect(table.size).toBe(5000);
  for (let i = 0; i < 5000; i++) expect(table.find(i * 7919, i ^ 0xdeadbeef)).toBe(i);
  expect(table.intern(7919, 1 ^ 0xdeadbeef)).toBe(1);
  expect(table.find(1, 2)).toBe(-1);
});

test('keys that share a lane stay distinct', () => {
  const table = new KeyTable();
  expect(table.intern(5, 1)).toBe(0);
  expect(table.intern(5, 2)).toBe(1);
  expect(table.intern(6, 1)).toBe(2);
  expect([table.find(5, 1), table.find(5, 2), table.find(6, 1), table.find(6, 2)]).toEqual([0, 1, 2, -1]);
});

test('property: fromKeys gives key i the id i, and find agrees with a Map', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.nat(50), fc.nat(50)), { maxLength: 300 }), (pairs) => {
      const map = new Map<string, number>();
      const table = new KeyTable(1);
      for (const [a, b] of pairs) {
        const key = `${a},${b}`;
        if (!map.has(key)) map.set(key, map.size);
        expect(table.intern(a, b)).toBe(map.get(key));
      }
      const copy = KeyTable.fromKeys(table.keysA.slice(0, table.size), table.keysB.slice(0, table.size));
      for (const [key, id] of map) {
        const [a, b] = key.split(',').map(Number) as [number, number];
        expect(copy.find(a, b)).toBe(id);
      }
    }),
  );
});
