import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { missingPrivateNames, pinnedWasmBackendVersion, privateWasmNames, XnnModule } from './xnn-module.ts';

const require = createRequire(import.meta.url);

describe("tfjs-backend-wasm's private module", () => {
  test('the installed version is the one the engine was written against', () => {
    const installed = (require('@tensorflow/tfjs-backend-wasm/package.json') as { version: string }).version;
    expect(
      installed,
      `@tensorflow/tfjs-backend-wasm ${installed} is installed; the fused BiLSTM uses private names of ${pinnedWasmBackendVersion}: check ${privateWasmNames.join(', ')} before moving the pin`,
    ).toBe(pinnedWasmBackendVersion);
  });

  test('every private name the engine uses is there, and a module runs a sigmoid with them', () => {
    const xnn = XnnModule.create();
    const x = xnn.alloc(3);
    const out = xnn.alloc(3);
    xnn.f32(x).set([-1, 0, 2]);
    xnn.sigmoid(x, out);
    expect(Array.from(xnn.f32(out))).toEqual(
      [1 / (1 + Math.E), 0.5, 1 / (1 + Math.exp(-2))].map(Math.fround),
    );
    xnn.free(x);
    xnn.free(out);
  });

  test('a module without them is named, member by member', () => {
    expect(missingPrivateNames({})).toEqual([...privateWasmNames]);
    expect(missingPrivateNames({ _init() {}, asm: { memory: {} } })).not.toContain('asm.memory');
  });
});
