import { setFlagsFromString } from 'node:v8';

/**
 * A WebAssembly module of one function, `(v128 v128 v128) → v128` doing `f32x4.relaxed_madd`: it validates only
 * where relaxed SIMD is on.
 */
const PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x01, 0x60, 0x03, 0x7b, 0x7b, 0x7b, 0x01, 0x7b,
  0x03, 0x02, 0x01, 0x00, 0x0a, 0x0d, 0x01, 0x0b, 0x00, 0x20, 0x00, 0x20, 0x01, 0x20, 0x02, 0xfd, 0x85, 0x02,
  0x0b,
]);

/** The environment variable that, set to `0`, keeps the fused LSTM off relaxed SIMD (plain SIMD kernels). */
export const RELAXED_SIMD_ENV = 'SENTIKIT_RELAXED_SIMD';

const validate = (bytes: Uint8Array): boolean =>
  (globalThis as unknown as { WebAssembly: { validate(b: Uint8Array): boolean } }).WebAssembly.validate(
    bytes,
  );

let decided: boolean | undefined;

/**
 * Whether the fused LSTM's kernels may use relaxed SIMD (a fused multiply-add, about 1.4× the plain SIMD matrix
 * multiply here). Node 22 and later have it on; Node 20's V8 (11.3) has the finished feature behind
 * `--experimental-wasm-relaxed-simd`, which this turns on for the process (it only lets WebAssembly modules use
 * those instructions). `SENTIKIT_RELAXED_SIMD=0` keeps the plain build and leaves V8's flags alone. Decided once
 * per thread; worker threads see the flag their process set.
 */
export function relaxedSimdEnabled(): boolean {
  if (decided !== undefined) return decided;
  if (process.env[RELAXED_SIMD_ENV] === '0') {
    decided = false;
  } else if (validate(PROBE)) {
    decided = true;
  } else {
    try {
      setFlagsFromString('--experimental-wasm-relaxed-simd');
    } catch {
      // An embedder without V8 flags: the probe below says no.
    }
    decided = validate(PROBE);
  }
  return decided;
}
