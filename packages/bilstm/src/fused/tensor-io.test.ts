import { afterAll, describe, expect, test } from 'vitest';
import { maxAbsDiff, rand, tf } from '../../test/tf.ts';
import { selectBackend } from '../backend/select-backend.ts';
import { BiLstmEngine } from './bilstm-engine.ts';
import { type BiLstmWeights, fusedBiLstm } from './fused-bilstm.ts';
import { readFloats, tensorFromScratch } from './tensor-io.ts';

const engine = new BiLstmEngine(2);
afterAll(async () => {
  engine.dispose();
  await tf.setBackend('cpu');
});

describe.each(['cpu', 'wasm'] as const)('tensor I/O on the %s backend', (backend) => {
  test('readFloats reads what dataSync reads', async () => {
    await selectBackend(backend);
    const t = tf.tensor2d(rand(12, 4), [3, 4]);
    expect(Array.from(readFloats(t))).toEqual(Array.from(t.dataSync()));
    t.dispose();
  });

  test('a tensor made from a scratch buffer keeps its values when the buffer is overwritten', async () => {
    await selectBackend(backend);
    const scratch = new Float32Array(new SharedArrayBuffer(6 * 4)).fill(2.5);
    const t = tensorFromScratch(scratch, [2, 3]);
    scratch.fill(-1);
    expect(Array.from(t.dataSync())).toEqual([2.5, 2.5, 2.5, 2.5, 2.5, 2.5]);
    t.dispose();
  });
});

describe('the fused op on the wasm backend', () => {
  const [batch, steps, input, hidden] = [3, 6, 4, 5];
  const weights = (): BiLstmWeights => {
    const dir = (s: number) => ({
      kernel: tf.tensor2d(rand(input * 4 * hidden, s), [input, 4 * hidden]),
      recurrent: tf.tensor2d(rand(hidden * 4 * hidden, s + 1), [hidden, 4 * hidden]),
      bias: tf.tensor1d(rand(4 * hidden, s + 2, 0.3)),
    });
    return { forward: dir(1), backward: dir(11) };
  };
  const run = (seed: number) =>
    tf.tidy(() => {
      const x = tf.tensor3d(rand(batch * steps * input, seed), [batch, steps, input]);
      const w = weights();
      const lengths = Int32Array.from([6, 2, 4]);
      const f = (xs: tf.Tensor) => fusedBiLstm(xs as tf.Tensor3D, w, { lengths, engine });
      const out = f(x);
      const dx = tf.grad((xs: tf.Tensor) => tf.sum(tf.square(f(xs))))(x);
      return [out, dx] as const;
    });

  test('outputs and input gradients equal the cpu backend, and later calls leave earlier results intact', async () => {
    await selectBackend('cpu');
    const [cpuOut, cpuDx] = run(5);
    const [cpuOut2] = run(6);
    const expected = [cpuOut.dataSync().slice(), cpuDx.dataSync().slice(), cpuOut2.dataSync().slice()];
    tf.dispose([cpuOut, cpuDx, cpuOut2]);
    await selectBackend('wasm');
    const [out, dx] = run(5);
    const [out2] = run(6); // reuses the engine's buffers: must not change `out` or `dx`
    const got = [out.dataSync(), dx.dataSync(), out2.dataSync()];
    got.forEach((values, i) => {
      expect(maxAbsDiff(values, expected[i] as Float32Array)).toBeLessThan(1e-5);
    });
    tf.dispose([out, dx, out2]);
  });
});
