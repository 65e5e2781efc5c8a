import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { maxAbsDiff, rand, tf, tfl } from '../../test/tf.ts';
import { BiLstmEngine } from './bilstm-engine.ts';
import { type BiLstmWeights, finalStates, fusedBiLstm, fusedBiLstmPooled } from './fused-bilstm.ts';

interface Case {
  batch: number;
  steps: number;
  input: number;
  hidden: number;
}

function makeWeights(inputSize: number, hidden: number, seed: number): BiLstmWeights {
  const g = 4 * hidden;
  const dir = (s: number) => ({
    kernel: tf.variable(tf.tensor2d(rand(inputSize * g, s), [inputSize, g])) as tf.Variable<tf.Rank.R2>,
    recurrent: tf.variable(tf.tensor2d(rand(hidden * g, s + 1), [hidden, g])) as tf.Variable<tf.Rank.R2>,
    bias: tf.variable(tf.tensor1d(rand(g, s + 2, 0.3))) as tf.Variable<tf.Rank.R1>,
  });
  return { forward: dir(seed), backward: dir(seed + 10) };
}

function weightList(w: BiLstmWeights): tf.Tensor[] {
  return [
    w.forward.kernel,
    w.forward.recurrent,
    w.forward.bias,
    w.backward.kernel,
    w.backward.recurrent,
    w.backward.bias,
  ];
}

/** tfjs-layers' own bidirectional LSTM with the same weights: the reference. */
function referenceLayer(c: Case, w: BiLstmWeights): tfl.layers.Layer {
  const layer = tfl.layers.bidirectional({
    layer: tfl.layers.lstm({
      units: c.hidden,
      returnSequences: true,
      recurrentActivation: 'sigmoid',
    }) as tfl.RNN,
    mergeMode: 'concat',
  });
  layer.apply(tf.zeros([c.batch, c.steps, c.input]));
  layer.setWeights(weightList(w));
  return layer;
}

const engines: Record<string, BiLstmEngine> = {};
beforeAll(async () => {
  await tf.setBackend('cpu');
  engines['1 thread'] = new BiLstmEngine(1);
  engines['2 threads'] = new BiLstmEngine(2);
});
afterAll(() => {
  for (const e of Object.values(engines)) e.dispose();
});

const cases: Case[] = [
  { batch: 4, steps: 7, input: 5, hidden: 8 },
  { batch: 3, steps: 5, input: 3, hidden: 5 }, // odd sizes: hidden not a multiple of 4
  { batch: 1, steps: 1, input: 2, hidden: 4 }, // length 1, batch 1
  { batch: 2, steps: 9, input: 50, hidden: 12 },
];

describe.each(['1 thread', '2 threads'])('fused BiLSTM on %s', (engineName) => {
  const engine = () => engines[engineName] as BiLstmEngine;

  test.each(cases)('outputs equal tf.layers.bidirectional(lstm) for %o', (c) => {
    const w = makeWeights(c.input, c.hidden, 3);
    const x = tf.tensor3d(rand(c.batch * c.steps * c.input, 7, 1), [c.batch, c.steps, c.input]);
    const ours = fusedBiLstm(x, w, { engine: engine() });
    const ref = referenceLayer(c, w).apply(x) as tf.Tensor;
    expect(ours.shape).toEqual([c.batch, c.steps, 2 * c.hidden]);
    expect(maxAbsDiff(ours.dataSync(), ref.dataSync())).toBeLessThan(1e-5);
  });

  // tfjs-layers' own LSTM gradient fails at one step (its Unpack gradient), so length 1 is checked against
  // finite differences below instead.
  test.each(cases.filter((c) => c.steps > 1))('gradients equal the reference autodiff for %o', (c) => {
    const w = makeWeights(c.input, c.hidden, 11);
    const x = tf.variable(tf.tensor3d(rand(c.batch * c.steps * c.input, 5, 1), [c.batch, c.steps, c.input]));
    const upstream = tf.tensor3d(rand(c.batch * c.steps * 2 * c.hidden, 9, 1), [
      c.batch,
      c.steps,
      2 * c.hidden,
    ]);
    const vars = [x, ...weightList(w)] as tf.Variable[];
    const ours = tf.variableGrads(
      () => tf.sum(tf.mul(fusedBiLstm(x, w, { engine: engine() }), upstream)),
      vars,
    );
    const ref = referenceLayer(c, w);
    const refGrads = tf.grads((xs: tf.Tensor) => tf.sum(tf.mul(ref.apply(xs) as tf.Tensor, upstream)))([x]);
    const refW = tf.variableGrads(
      () => tf.sum(tf.mul(ref.apply(x) as tf.Tensor, upstream)),
      ref.trainableWeights.map((v) => (v as unknown as { val: tf.Variable }).val),
    );
    expect(maxAbsDiff(ours.grads[x.name]?.dataSync() ?? [], refGrads[0]?.dataSync() ?? [])).toBeLessThan(
      1e-4,
    );
    const refList = Object.values(refW.grads);
    weightList(w).forEach((v, i) => {
      expect(
        maxAbsDiff(ours.grads[(v as tf.Variable).name]?.dataSync() ?? [], refList[i]?.dataSync() ?? [1e9]),
      ).toBeLessThan(1e-4);
    });
  });

  test.each([
    { batch: 2, steps: 3, input: 3, hidden: 2 },
    { batch: 1, steps: 1, input: 2, hidden: 4 },
  ])('gradients match finite differences for %o', (c) => {
    const w = makeWeights(c.input, c.hidden, 21);
    const xData = rand(c.batch * c.steps * c.input, 2, 1);
    const upstream = tf.tensor3d(rand(c.batch * c.steps * 2 * c.hidden, 4, 1), [
      c.batch,
      c.steps,
      2 * c.hidden,
    ]);
    const lossAt = (xs: Float32Array): number =>
      tf.tidy(
        () =>
          tf
            .sum(
              tf.mul(
                fusedBiLstm(tf.tensor3d(xs, [c.batch, c.steps, c.input]), w, { engine: engine() }),
                upstream,
              ),
            )
            .dataSync()[0] as number,
      );
    const xVar = tf.variable(tf.tensor3d(xData, [c.batch, c.steps, c.input]));
    const analytic = tf
      .variableGrads(() => tf.sum(tf.mul(fusedBiLstm(xVar, w, { engine: engine() }), upstream)), [xVar])
      .grads[xVar.name]?.dataSync() as Float32Array;
    const eps = 1e-2;
    for (let i = 0; i < xData.length; i++) {
      const plus = xData.slice();
      plus[i] = (plus[i] as number) + eps;
      const minus = xData.slice();
      minus[i] = (minus[i] as number) - eps;
      const numeric = (lossAt(plus) - lossAt(minus)) / (2 * eps);
      expect(Math.abs(numeric - (analytic[i] as number))).toBeLessThan(2e-3);
    }
  });

  test('padding changes neither outputs nor gradients', () => {
    const c = { batch: 3, steps: 6, input: 4, hidden: 4 };
    const lengths = new Int32Array([6, 3, 1]);
    const w = makeWeights(c.input, c.hidden, 31);
    const xData = rand(c.batch * c.steps * c.input, 8, 1); // padded positions hold garbage on purpose
    const x = tf.variable(tf.tensor3d(xData, [c.batch, c.steps, c.input]));
    const upstream = rand(c.batch * c.steps * 2 * c.hidden, 6, 1);
    const up = tf.tensor3d(upstream, [c.batch, c.steps, 2 * c.hidden]);
    const padded = tf.variableGrads(
      () => tf.sum(tf.mul(fusedBiLstm(x, w, { lengths, engine: engine() }), up)),
      [x, ...weightList(w)] as tf.Variable[],
    );
    const out = fusedBiLstm(x, w, { lengths, engine: engine() }).arraySync();
    const dx = padded.grads[x.name]?.arraySync() as number[][][];
    const summed = weightList(w).map((v) => tf.zerosLike(v));
    for (let b = 0; b < c.batch; b++) {
      const len = lengths[b] as number;
      const xb = tf.variable(tf.slice(x, [b, 0, 0], [1, len, c.input]) as tf.Tensor3D);
      const ub = tf.slice(up, [b, 0, 0], [1, len, 2 * c.hidden]);
      const alone = fusedBiLstm(xb, w, { engine: engine() }).arraySync()[0] as number[][];
      for (let t = 0; t < c.steps; t++) {
        const row = (out[b] as number[][])[t] as number[];
        if (t < len) expect(maxAbsDiff(row, alone[t] as number[])).toBeLessThan(1e-6);
        else expect(row.every((v) => v === 0)).toBe(true);
        if (t >= len) expect(((dx[b] as number[][])[t] as number[]).every((v) => v === 0)).toBe(true);
      }
      const g = tf.variableGrads(() => tf.sum(tf.mul(fusedBiLstm(xb, w, { engine: engine() }), ub)), [
        xb,
        ...weightList(w),
      ] as tf.Variable[]);
      const gx = g.grads[xb.name]?.arraySync() as number[][][];
      for (let t = 0; t < len; t++) {
        expect(
          maxAbsDiff((gx[0] as number[][])[t] as number[], (dx[b] as number[][])[t] as number[]),
        ).toBeLessThan(1e-5);
      }
      weightList(w).forEach((v, i) => {
        summed[i] = tf.add(summed[i] as tf.Tensor, g.grads[(v as tf.Variable).name] as tf.Tensor);
      });
    }
    weightList(w).forEach((v, i) => {
      expect(
        maxAbsDiff(
          padded.grads[(v as tf.Variable).name]?.dataSync() ?? [],
          (summed[i] as tf.Tensor).dataSync(),
        ),
      ).toBeLessThan(1e-5);
    });
    // Final states: forward units at the last real token, backward units at the first.
    const seq = fusedBiLstm(x, w, { lengths, engine: engine() });
    const fin = finalStates(seq, lengths).arraySync();
    const s = seq.arraySync();
    for (let b = 0; b < c.batch; b++) {
      const len = lengths[b] as number;
      expect(fin[b]?.slice(0, c.hidden)).toEqual(s[b]?.[len - 1]?.slice(0, c.hidden));
      expect(fin[b]?.slice(c.hidden)).toEqual(s[b]?.[0]?.slice(c.hidden));
    }
  });

  test('no tensor leaks over 100 training steps', () => {
    const c = { batch: 2, steps: 4, input: 3, hidden: 4 };
    const w = makeWeights(c.input, c.hidden, 41);
    const x = tf.tensor3d(rand(c.batch * c.steps * c.input, 1, 1), [c.batch, c.steps, c.input]);
    const optimizer = tf.train.adam(1e-3);
    const run = () =>
      optimizer.minimize(
        () => tf.mean(fusedBiLstm(x, w, { engine: engine() })) as tf.Scalar,
        false,
        weightList(w) as tf.Variable[],
      );
    run();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 100; i++) run();
    expect(tf.memory().numTensors).toBe(before);
    optimizer.dispose();
  });
});

test('one and two threads give bit-identical outputs and gradients', () => {
  const c = { batch: 5, steps: 6, input: 7, hidden: 6 };
  const w = makeWeights(c.input, c.hidden, 51);
  const x = tf.variable(tf.tensor3d(rand(c.batch * c.steps * c.input, 3, 1), [c.batch, c.steps, c.input]));
  const lengths = new Int32Array([6, 2, 5, 1, 4]);
  const run = (engine: BiLstmEngine) =>
    tf.variableGrads(() => tf.sum(tf.square(fusedBiLstm(x, w, { lengths, engine }))), [
      x,
      ...weightList(w),
    ] as tf.Variable[]);
  const a = run(engines['1 thread'] as BiLstmEngine);
  const b = run(engines['2 threads'] as BiLstmEngine);
  expect(Array.from(a.value.dataSync())).toEqual(Array.from(b.value.dataSync()));
  for (const name of Object.keys(a.grads)) {
    expect(Array.from(a.grads[name]?.dataSync() ?? [])).toEqual(Array.from(b.grads[name]?.dataSync() ?? [0]));
  }
});

test('bad input gets clear errors', () => {
  const w = makeWeights(3, 4, 1);
  const x = tf.zeros([2, 5, 3]) as tf.Tensor3D;
  expect(() => fusedBiLstm(tf.zeros([2, 5, 4]) as tf.Tensor3D, w)).toThrow(
    /forward weights must be kernel \[4, 16\]/,
  );
  expect(() => fusedBiLstm(x, w, { lengths: new Int32Array([5]) })).toThrow(
    /lengths has 1 entries for a batch of 2/,
  );
  expect(() => fusedBiLstm(x, w, { lengths: new Int32Array([5, 6]) })).toThrow(
    /lengths\[1\] = 6 is outside 0..5/,
  );
});

describe.each(['1 thread', '2 threads'])('pooling inside the engine on %s', (engineName) => {
  const modes = ['last', 'final', 'max', 'mean', 'max-mean'] as const;
  /** The same pooling with plain tfjs ops on the sequence output: the reference. */
  function reference(seq: tf.Tensor3D, mode: (typeof modes)[number], lengths: Int32Array): tf.Tensor2D {
    const [batch, steps, width] = seq.shape;
    const mask = tf.tensor3d(
      Float32Array.from({ length: batch * steps }, (_, i) =>
        i % steps < (lengths[Math.floor(i / steps)] as number) ? 1 : 0,
      ),
      [batch, steps, 1],
    );
    const max = () => tf.max(tf.add(tf.mul(seq, mask), tf.mul(tf.sub(1, mask), -1e9)), 1);
    const mean = () => tf.div(tf.sum(tf.mul(seq, mask), 1), tf.sum(mask, 1));
    switch (mode) {
      case 'last':
        return tf.reshape(tf.slice(seq, [0, steps - 1, 0], [batch, 1, width]), [batch, width]);
      case 'final':
        return finalStates(seq, lengths);
      case 'max':
        return max() as tf.Tensor2D;
      case 'mean':
        return mean() as tf.Tensor2D;
      case 'max-mean':
        return tf.concat([max(), mean()], 1) as tf.Tensor2D;
    }
  }

  test.each(modes)('%s equals pooling the sequence, values and gradients', (mode) => {
    const engine = engines[engineName] as BiLstmEngine;
    const c = { batch: 4, steps: 6, input: 3, hidden: 5 };
    const lengths = new Int32Array([6, 2, 4, 1]);
    const w = makeWeights(c.input, c.hidden, 61);
    const x = tf.variable(tf.tensor3d(rand(c.batch * c.steps * c.input, 12, 1), [c.batch, c.steps, c.input]));
    const vars = [x, ...weightList(w)] as tf.Variable[];
    const width = mode === 'max-mean' ? 4 * c.hidden : 2 * c.hidden;
    const r = tf.tensor2d(rand(c.batch * width, 13, 1), [c.batch, width]);
    const ours = tf.variableGrads(
      () => tf.sum(tf.mul(fusedBiLstmPooled(x, w, mode, { lengths, engine }), r)),
      vars,
    );
    const ref = tf.variableGrads(
      () => tf.sum(tf.mul(reference(fusedBiLstm(x, w, { lengths, engine }), mode, lengths), r)),
      vars,
    );
    expect(Math.abs((ours.value.dataSync()[0] as number) - (ref.value.dataSync()[0] as number))).toBeLessThan(
      1e-5,
    );
    for (const v of vars) {
      expect(
        maxAbsDiff(ours.grads[v.name]?.dataSync() ?? [], ref.grads[v.name]?.dataSync() ?? [1e9]),
      ).toBeLessThan(1e-5);
    }
  });
});

test('releasing layers frees their engine memory: the heap stops growing across many layers', () => {
  const engine = new BiLstmEngine(1);
  const w = makeWeights(8, 16, 71);
  const x = tf.tensor3d(rand(4 * 50 * 8, 1, 1), [4, 50, 8]);
  const heapAfter = (layers: number) => {
    for (let i = 0; i < layers; i++) {
      fusedBiLstm(x, w, { engine, layer: 1000 + i }).dispose();
      engine.release(1000 + i);
    }
    return (engine as unknown as { xnn: { heap: Float32Array } }).xnn.heap.length;
  };
  const first = heapAfter(20);
  expect(heapAfter(200)).toBe(first);
  engine.dispose();
});
