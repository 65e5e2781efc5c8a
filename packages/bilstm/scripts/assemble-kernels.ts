import { kernelsWat } from '../src/fused/kernels-wat.ts';

/**
 * Assembles the kernels' WebAssembly text with wabt (a devDependency: used at build time and in tests): the plain
 * SIMD build, or with `fma` the relaxed-SIMD one.
 */
export async function assembleKernels(fma: boolean): Promise<Uint8Array> {
  const { default: initWabt } = await import('wabt');
  const wabt = await initWabt();
  const mod = wabt.parseWat(fma ? 'kernels-fma.wat' : 'kernels.wat', kernelsWat(fma), {
    simd: true,
    bulk_memory: true,
    relaxed_simd: fma,
  });
  try {
    mod.validate();
    return mod.toBinary({}).buffer;
  } finally {
    mod.destroy();
  }
}
