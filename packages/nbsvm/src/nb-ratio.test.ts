import { expect, test } from 'vitest';
import type { CsrMatrix } from './csr.ts';
import { nbLogCountRatio } from './nb-ratio.ts';

test('matches the log-count ratio computed by hand', () => {
  // rows: [1,1,0] +, [1,0,1] +, [0,0,1] -; alpha 1
  const x: CsrMatrix = {
    rows: 3,
    cols: 3,
    indptr: Int32Array.of(0, 2, 4, 5),
    indices: Int32Array.of(0, 1, 0, 2, 2),
    values: null,
  };
  const r = nbLogCountRatio(x, Uint8Array.of(1, 1, 0), 1);
  // p = [3, 2, 2] (sum 7), q = [1, 1, 2] (sum 4)
  const expected = [Math.log(3 / 7 / (1 / 4)), Math.log(2 / 7 / (1 / 4)), Math.log(2 / 7 / (2 / 4))];
  for (const [c, v] of expected.entries()) expect(r[c]).toBeCloseTo(v, 6);
  // only the first and last rows: p = [2, 2, 1] (5), q = [1, 1, 2] (4)
  const sub = nbLogCountRatio(x, Uint8Array.of(1, 1, 0), 1, Int32Array.of(0, 2));
  expect(sub[2]).toBeCloseTo(Math.log(1 / 5 / (2 / 4)), 6);
});

test('counts weigh by value', () => {
  const x: CsrMatrix = {
    rows: 2,
    cols: 1,
    indptr: Int32Array.of(0, 1, 2),
    indices: Int32Array.of(0, 0),
    values: Float32Array.of(3, 1),
  };
  // p = [1 + 3], q = [1 + 1]: each class's only feature, so the normalised ratio is 0
  expect(nbLogCountRatio(x, Uint8Array.of(1, 0), 1)[0]).toBeCloseTo(0, 6);
});
