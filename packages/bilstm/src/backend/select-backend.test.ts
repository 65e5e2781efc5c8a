import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, test } from 'vitest';
import { selectBackend } from './select-backend.ts';

afterEach(() => {
  delete process.env['SENTIKIT_BACKEND'];
});

describe('selectBackend', () => {
  test('auto takes the best backend that loads and says why better ones did not', async () => {
    const s = await selectBackend('auto');
    expect(['tensorflow', 'wasm', 'cpu']).toContain(s.backend);
    expect(tf.getBackend()).toBe(s.backend);
    if (s.backend !== 'tensorflow') {
      expect(s.skipped[0]?.backend).toBe('tensorflow');
      expect(s.skipped[0]?.reason.length).toBeGreaterThan(0);
    }
  });

  test('honours SENTIKIT_BACKEND', async () => {
    process.env['SENTIKIT_BACKEND'] = 'cpu';
    const s = await selectBackend();
    expect(s).toMatchObject({ backend: 'cpu', requested: 'cpu' });
    expect(tf.getBackend()).toBe('cpu');
  });

  test('an unknown name is a clear error', async () => {
    process.env['SENTIKIT_BACKEND'] = 'gpu';
    await expect(selectBackend()).rejects.toThrow(/unknown backend 'gpu' \(from SENTIKIT_BACKEND\)/);
  });

  test('an explicit backend that cannot load fails instead of falling back', async () => {
    const s = await selectBackend('auto');
    if (s.backend === 'tensorflow') return; // tfjs-node is installed and works here: nothing to show
    await expect(selectBackend('tensorflow')).rejects.toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
  });
});

describe('kernels wasm lacks', () => {
  test('UnsortedSegmentSum on wasm equals the cpu backend', async () => {
    const data = Float32Array.from({ length: 40 }, (_, i) => Math.sin(i) * 3);
    const ids = Int32Array.from([3, 0, 3, 1, 7, 0, 2, 3, 1, 5]);
    const run = () =>
      tf.tidy(() =>
        tf.unsortedSegmentSum(tf.tensor2d(data, [10, 4]), tf.tensor1d(ids, 'int32'), 8).dataSync(),
      );
    await selectBackend('cpu');
    const onCpu = run();
    const s = await selectBackend('wasm');
    expect(s.addedKernels).toContain('UnsortedSegmentSum');
    expect(Array.from(run())).toEqual(Array.from(onCpu));
  });

  test('UnsortedSegmentSum over a 50,000-row vocabulary is linear-time', async () => {
    await selectBackend('wasm');
    const ids = Int32Array.from({ length: 2048 }, (_, i) => (i * 7919) % 50_000);
    const x = tf.ones([2048, 50]);
    const out = tf.unsortedSegmentSum(x, tf.tensor1d(ids, 'int32'), 50_000);
    expect(out.shape).toEqual([50_000, 50]);
    expect(tf.sum(out).dataSync()[0]).toBe(2048 * 50);
    tf.dispose([x, out]);
  });

  test('an embedding lookup trains on wasm with the same gradient as on cpu', async () => {
    const grad = () =>
      tf.tidy(() => {
        const table = tf.variable(
          tf.tensor2d(
            Float32Array.from({ length: 24 }, (_, i) => i / 10),
            [6, 4],
          ),
        );
        const g = tf.variableGrads(
          () => tf.sum(tf.square(tf.gather(table, tf.tensor1d([1, 4, 1, 0], 'int32')))),
          [table],
        );
        const out = g.grads[table.name]?.dataSync().slice();
        table.dispose();
        return out;
      });
    await selectBackend('cpu');
    const onCpu = grad();
    await selectBackend('wasm');
    expect(Array.from(grad() ?? [])).toEqual(Array.from(onCpu ?? [1]));
  });
});

test('loading the wasm backend leaves the process exception listeners as they were', async () => {
  const before = [process.listenerCount('uncaughtException'), process.listenerCount('unhandledRejection')];
  await selectBackend('wasm');
  expect([process.listenerCount('uncaughtException'), process.listenerCount('unhandledRejection')]).toEqual(
    before,
  );
});
