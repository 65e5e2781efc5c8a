import { scannerWat } from '../src/scanner-wat.ts';

/** Assembles the scanner's WebAssembly text with wabt (a devDependency: used at build time and in tests). */
export async function assembleScanner(): Promise<Uint8Array> {
  const { default: initWabt } = await import('wabt');
  const wabt = await initWabt();
  const mod = wabt.parseWat('scanner.wat', scannerWat(), { simd: true });
  try {
    mod.validate();
    return mod.toBinary({}).buffer;
  } finally {
    mod.destroy();
  }
}
