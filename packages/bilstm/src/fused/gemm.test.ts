import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { kernelsBase64, kernelsFmaBase64 } from './kernels-binary.ts';
import { RELAXED_SIMD_ENV, relaxedSimdEnabled } from './relaxed-simd.ts';
import { type LstmKernels, packedLength } from './xnn-module.ts';

interface Wasm {
  Memory: new (d: { initial: number }) => { buffer: ArrayBuffer };
  Module: new (b: Uint8Array) => object;
  Instance: new (m: object, i: object) => { exports: object };
}
const wasm = (globalThis as unknown as { WebAssembly: Wasm }).WebAssembly;

/** The kernels module on a fresh 8 MiB memory. */
function instantiate(base64: string): { k: LstmKernels; f32: Float32Array } {
  const memory = new wasm.Memory({ initial: 128 });
  const instance = new wasm.Instance(new wasm.Module(Buffer.from(base64, 'base64')), { env: { memory } });
  return { k: instance.exports as unknown as LstmKernels, f32: new Float32Array(memory.buffer) };
}

/** A deterministic pseudo-random float in [-1, 1) per index. */
const value = (i: number, seed: number): number =>
  (((i * 2654435761 + seed * 40503) >>> 0) % 2000) / 1000 - 1;

interface Case {
  m: number;
  k: number;
  n: number;
  transposedA: boolean;
  accumulate: boolean;
}

/**
 * Runs one multiply on the kernels and in double precision: A (row-major, or stored transposed and read through
 * swapped strides), B row-major with padded rows, packed, C with padded rows around a sentinel.
 */
function check({ k: kern, f32 }: { k: LstmKernels; f32: Float32Array }, c: Case): number {
  const { m, k, n } = c;
  const ldb = n + 3;
  const ldc = n + 5;
  const aAt = 64;
  const bAt = aAt + m * k + 16;
  const packedAt = bAt + k * ldb + 16;
  const cAt = packedAt + packedLength(k, n) + 16;
  const end = cAt + m * ldc + 16;
  f32.fill(Number.NaN, 0, end);
  const a = (i: number, j: number): number => value(i * k + j, 1);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < k; j++) f32[aAt + (c.transposedA ? j * m + i : i * k + j)] = a(i, j);
  }
  for (let j = 0; j < k; j++) for (let q = 0; q < n; q++) f32[bAt + j * ldb + q] = value(j * n + q, 2);
  const before = (i: number, q: number): number => (c.accumulate ? value(i * n + q, 3) : 0);
  for (let i = 0; i < m; i++) {
    for (let q = 0; q < ldc; q++) f32[cAt + i * ldc + q] = q < n ? before(i, q) : 7;
  }
  kern.pack(bAt * 4, ldb * 4, packedAt * 4, k, n);
  const [rs, cs] = c.transposedA ? [4, m * 4] : [k * 4, 4];
  kern.gemm(aAt * 4, rs, cs, packedAt * 4, cAt * 4, ldc * 4, m, k, n, c.accumulate ? 1 : 0);
  let worst = 0;
  for (let i = 0; i < m; i++) {
    for (let q = 0; q < ldc; q++) {
      const got = f32[cAt + i * ldc + q] as number;
      if (q >= n) {
        if (got !== 7) return Number.POSITIVE_INFINITY; // wrote past column n
        continue;
      }
      let want = before(i, q);
      for (let j = 0; j < k; j++) want += a(i, j) * value(j * n + q, 2);
      worst = Math.max(worst, Math.abs(got - want));
    }
  }
  return worst;
}

const builds = [
  ['plain SIMD', kernelsBase64],
  ...(relaxedSimdEnabled() ? [['relaxed SIMD', kernelsFmaBase64] as const] : []),
] as const;

describe.each(builds)('the %s matrix multiply', (_, base64) => {
  const kernels = instantiate(base64);

  test('equals a double-precision product for every edge of its tiles', () => {
    // 4-row tiles and single rows; 8-column panels, a full 4-column panel and 1–3 column remainders.
    for (const m of [1, 3, 4, 5, 9]) {
      for (const n of [1, 3, 4, 7, 8, 12, 13, 21]) {
        for (const k of [1, 2, 17]) {
          for (const transposedA of [false, true]) {
            for (const accumulate of [false, true]) {
              expect(check(kernels, { m, k, n, transposedA, accumulate })).toBeLessThan(1e-5 * k + 1e-6);
            }
          }
        }
      }
    }
  });

  test('holds for random shapes', () => {
    fc.assert(
      fc.property(
        fc.record({
          m: fc.integer({ min: 1, max: 70 }),
          k: fc.integer({ min: 1, max: 200 }),
          n: fc.integer({ min: 1, max: 70 }),
          transposedA: fc.boolean(),
          accumulate: fc.boolean(),
        }),
        (c) => check(kernels, c) < 1e-5 * c.k + 1e-6,
      ),
      { numRuns: 60 },
    );
  });

  test('reads and writes nothing past C, even when C ends the memory', () => {
    const memory = new wasm.Memory({ initial: 1 });
    const instance = new wasm.Instance(new wasm.Module(Buffer.from(base64, 'base64')), { env: { memory } });
    const kern = instance.exports as unknown as LstmKernels;
    const f32 = new Float32Array(memory.buffer);
    for (const [m, k, n] of [
      [3, 5, 7],
      [5, 2, 1],
      [4, 3, 13],
    ] as const) {
      const cAt = f32.length - m * n; // C's last float is the memory's last
      const [aAt, bAt, packedAt] = [0, 1024, 2048];
      for (let i = 0; i < m * k; i++) f32[aAt + i] = value(i, 4);
      for (let i = 0; i < k * n; i++) f32[bAt + i] = value(i, 5);
      kern.pack(bAt * 4, n * 4, packedAt * 4, k, n);
      for (const accumulate of [0, 1]) {
        f32.fill(1, cAt);
        kern.gemm(aAt * 4, k * 4, 4, packedAt * 4, cAt * 4, n * 4, m, k, n, accumulate);
        for (let i = 0; i < m; i++) {
          for (let q = 0; q < n; q++) {
            let want = accumulate;
            for (let j = 0; j < k; j++) want += value(i * k + j, 4) * value(j * n + q, 5);
            expect(f32[cAt + i * n + q]).toBeCloseTo(want, 5);
          }
        }
      }
    }
  });

  test('does nothing when a dimension is 0', () => {
    const { k: kern, f32 } = kernels;
    f32.fill(3, 0, 64);
    kern.gemm(0, 16, 4, 0, 128, 16, 0, 4, 4, 0);
    kern.gemm(0, 16, 4, 0, 128, 16, 4, 0, 4, 0);
    kern.gemm(0, 16, 4, 0, 128, 16, 4, 4, 0, 0);
    expect(Array.from(f32.subarray(0, 64)).every((v) => v === 3)).toBe(true);
  });
});

test('the relaxed SIMD build is used wherever the runtime can run it', () => {
  // Node 20 has relaxed SIMD behind a V8 flag that relaxedSimdEnabled() turns on; Node 22+ has it on.
  expect(relaxedSimdEnabled()).toBe(process.env[RELAXED_SIMD_ENV] !== '0');
});
