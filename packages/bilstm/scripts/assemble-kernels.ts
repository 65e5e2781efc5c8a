import { kernelsWat } from '../src/fused/kernels-wat.ts';

/** Assembles the kernels' WebAssembly text with wabt (a devDependency: used at build time and in tests). */
export async function assembleKernels(): Promise<Uint8Array> {
  const { default: initWabt } = await import('wabt');
  const wabt = await initWabt();
  const mod = wabt.parseWat('kernels.wat', kernelsWat(), { simd: true, bulk_memory: true });
  try {
    mod.validate();
    return mod.toBinary({}).buffer;
  } finally {
    mod.destroy();
  }
}
