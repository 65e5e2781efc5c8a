import fc from 'fast-check';
import { expect, test } from 'vitest';
import type { CsrMatrix } from './csr.ts';
import { trainL2Svm } from './linear-svm.ts';

const settings = { c: 1, tolerance: 1e-6, maxEpochs: 10_000, seed: 3 };

test('matches the closed-form solution of a symmetric two-point problem', () => {
  // x = +1 (y +1), x = -1 (y -1): by symmetry b = 0, and min w^2/2 + 2c(1 - w)^2 gives w = 4c / (1 + 4c).
  const x: CsrMatrix = {
    rows: 2,
    cols: 1,
    indptr: Int32Array.of(0, 1, 2),
    indices: Int32Array.of(0, 0),
    values: Float32Array.of(1, -1),
  };
  for (const c of [0.1, 1, 5]) {
    const m = trainL2Svm(x, Uint8Array.of(1, 0), Float32Array.of(1), { ...settings, c });
    expect(m.converged).toBe(true);
    expect(m.weights[0]).toBeCloseTo((4 * c) / (1 + 4 * c), 5);
    expect(m.bias).toBeCloseTo(0, 5);
  }
});

test('separates a separable toy set', () => {
  // feature 0 marks positives, feature 1 negatives, feature 2 is noise on both
  const x: CsrMatrix = {
    rows: 4,
    cols: 3,
    indptr: Int32Array.of(0, 2, 3, 5, 6),
    indices: Int32Array.of(0, 2, 0, 1, 2, 1),
    values: null,
  };
  const m = trainL2Svm(x, Uint8Array.of(1, 1, 0, 0), Float32Array.of(1, 1, 1), settings);
  expect(m.weights[0]).toBeGreaterThan(0.5);
  expect(m.weights[1]).toBeLessThan(-0.5);
  expect(Math.abs(m.weights[2] as number)).toBeLessThan(0.1);
});

// Gradient of the primal |w|^2/2 + |b|^2/2 + c sum max(0, 1 - y(w.x + b))^2, whose zero is the optimum.
function primalGradient(
  x: CsrMatrix,
  y: number[],
  scale: Float32Array,
  w: Float32Array,
  b: number,
  c: number,
): number[] {
  const g = [...w, b];
  for (let r = 0; r < x.rows; r++) {
    let s = b;
    for (let e = x.indptr[r] as number; e < (x.indptr[r + 1] as number); e++)
      s +=
        (w[x.indices[e] as number] as number) *
        (x.values?.[e] ?? 1) *
        (scale[x.indices[e] as number] as number);
    const margin = 1 - (y[r] as number) * s;
    if (margin <= 0) continue;
    const k = -2 * c * margin * (y[r] as number);
    for (let e = x.indptr[r] as number; e < (x.indptr[r + 1] as number); e++) {
      const col = x.indices[e] as number;
      g[col] = (g[col] as number) + k * (x.values?.[e] ?? 1) * (scale[col] as number);
    }
    g[w.length] = (g[w.length] as number) + k;
  }
  return g;
}

test('property: the solution zeroes the primal gradient (it is the exact optimum)', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.tuple(fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 3, maxLength: 3 }), fc.boolean()),
        {
          minLength: 2,
          maxLength: 25,
        },
      ),
      fc.constantFrom(0.05, 0.5, 2),
      (rows, c) => {
        const indptr = [0];
        const indices: number[] = [];
        const values: number[] = [];
        for (const [v] of rows) {
          v.forEach((value, col) => {
            if (value !== 0) {
              indices.push(col);
              values.push(value);
            }
          });
          indptr.push(indices.length);
        }
        const x: CsrMatrix = {
          rows: rows.length,
          cols: 3,
          indptr: Int32Array.from(indptr),
          indices: Int32Array.from(indices),
          values: Float32Array.from(values),
        };
        const positive = Uint8Array.from(rows.map(([, p]) => (p ? 1 : 0)));
        const scale = Float32Array.of(1, 0.5, 2);
        const m = trainL2Svm(x, positive, scale, { ...settings, c, tolerance: 1e-9 });
        const y = rows.map(([, p]) => (p ? 1 : -1));
        for (const g of primalGradient(x, y, scale, m.weights, m.bias, c))
          expect(Math.abs(g)).toBeLessThan(1e-3);
      },
    ),
    { numRuns: 60 },
  );
});
