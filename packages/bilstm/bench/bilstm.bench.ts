// Fused BiLSTM speed: one JSON line per configuration, for the fused layer and, in the same run, tfjs-layers'
// bidirectional LSTM (the reference). Usage:
//   pnpm --filter @sentikit/bilstm bench [--batch 64 --seq-len 256 --embed 50 --hidden 128 --layers 1]
//                                        [--threads 1|2] [--steps N] [--reference-steps N] [--no-reference]
// Tokens/s are at the median step time of --steps timed steps (9) after one warm-up step.
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import {
  BiLstmEngine,
  configureBiLstmEngine,
  FusedBiLstm,
  getBiLstmEngine,
  selectBackend,
} from '../src/index.ts';

const { values } = parseArgs({
  options: {
    batch: { type: 'string' },
    'seq-len': { type: 'string' },
    embed: { type: 'string', default: '50' },
    hidden: { type: 'string', default: '128' },
    layers: { type: 'string', default: '1' },
    threads: { type: 'string' },
    steps: { type: 'string', default: '9' },
    'reference-steps': { type: 'string', default: '1' },
    'no-reference': { type: 'boolean', default: false },
    backend: { type: 'string', default: 'wasm' },
  },
});

interface Shape {
  batch: number;
  seqLen: number;
  embedDim: number;
  hidden: number;
  layers: number;
}

const num = (s: string | undefined, d: number): number => (s === undefined ? d : Number(s));
const shapes: Shape[] =
  values.batch || values['seq-len']
    ? [
        {
          batch: num(values.batch, 64),
          seqLen: num(values['seq-len'], 256),
          embedDim: num(values.embed, 50),
          hidden: num(values.hidden, 128),
          layers: num(values.layers, 1),
        },
      ]
    : [
        {
          batch: 64,
          seqLen: 256,
          embedDim: num(values.embed, 50),
          hidden: num(values.hidden, 128),
          layers: num(values.layers, 1),
        },
        {
          batch: 64,
          seqLen: 64,
          embedDim: num(values.embed, 50),
          hidden: num(values.hidden, 128),
          layers: num(values.layers, 1),
        },
      ];
const threadCounts = values.threads ? [Number(values.threads)] : [2, 1];

const selection = await selectBackend(values.backend as 'wasm');

/** Each step's wall-clock milliseconds. */
function timeSteps(step: () => void, steps: number): number[] {
  const ms: number[] = [];
  for (let i = 0; i < steps; i++) {
    const t0 = performance.now();
    step();
    ms.push(performance.now() - t0);
  }
  return ms;
}

/** Tokens per second at the median step time (a step that another process slowed down does not count). */
function tokensPerSec(s: Shape, stepMs: number[]): number {
  const sorted = [...stepMs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median =
    sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return (s.batch * s.seqLen) / (median / 1000);
}

function measure(layer: tfl.layers.Layer, s: Shape, steps: number): { train: number; infer: number } {
  const x = tf.randomNormal([s.batch, s.seqLen, s.embedDim], 0, 1, 'float32', 1) as tf.Tensor3D;
  const vars = layer.trainableWeights.map((w) => w.read() as tf.Variable);
  const trainStep = () =>
    tf.tidy(() => {
      const { grads } = tf.variableGrads(
        () => tf.mean(layer.apply(x, { training: true }) as tf.Tensor) as tf.Scalar,
        vars,
      );
      for (const g of Object.values(grads)) g.dataSync();
    });
  // The backends this bench runs on (tensorflow, wasm, cpu) compute synchronously: the output exists when apply
  // returns, so inference is timed without reading it back (copying the [batch, steps, 2·hidden] sequence into a
  // JavaScript array — about 14 ms at 64 × 256 on wasm — is not the layer's work; wasm's Slice copies its whole
  // input too, so even reading one element costs that).
  const inferStep = () =>
    tf.tidy(() => {
      layer.apply(x);
    });
  trainStep(); // warm-up (packing, allocation, worker start)
  inferStep();
  const train = tokensPerSec(s, timeSteps(trainStep, steps));
  const infer = tokensPerSec(s, timeSteps(inferStep, steps));
  x.dispose();
  return { train, infer };
}

/** The engine alone, on plain arrays: what the op costs without tfjs's tensors around it. */
function measureEngine(
  s: Shape,
  threads: number,
  steps: number,
): { train: number; infer: number; kernels: string } {
  const g = 4 * s.hidden;
  const rnd = (n: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i) * 0.1);
  const w = () => ({ kernel: rnd(s.embedDim * g), recurrent: rnd(s.hidden * g), bias: rnd(g) });
  const weights = [w(), w()] as const;
  const input = rnd(s.batch * s.seqLen * s.embedDim);
  const lengths = new Int32Array(s.batch).fill(s.seqLen);
  const dOut = rnd(s.batch * s.seqLen * 2 * s.hidden);
  const shape = { batch: s.batch, steps: s.seqLen, inputSize: s.embedDim, hidden: s.hidden };
  const engine = new BiLstmEngine(threads);
  const step = (token: number) => {
    engine.forward(1, shape, input, lengths, weights, true, token);
    engine.backward(1, token, dOut);
  };
  step(1);
  let token = 2;
  const train = tokensPerSec(
    s,
    timeSteps(() => step(token++), steps),
  );
  const infer = tokensPerSec(
    s,
    timeSteps(() => engine.forward(1, shape, input, lengths, weights, false, 0), steps),
  );
  const kernels = engine.kernels;
  engine.dispose();
  return { train, infer, kernels };
}

for (const s of shapes) {
  for (const threads of threadCounts) {
    if (s.layers === 1) {
      const r = measureEngine(s, threads, num(values.steps, 6));
      const row = { impl: 'fused-engine', backend: 'wasm', kernels: r.kernels, ...s, threads };
      console.log(
        JSON.stringify({
          ...row,
          trainTokensPerSec: Math.round(r.train),
          inferTokensPerSec: Math.round(r.infer),
        }),
      );
    }
    configureBiLstmEngine(threads);
    const layer = new FusedBiLstm({ units: s.hidden, layers: s.layers, seed: 1 });
    layer.apply(tfl.input({ shape: [null, s.embedDim] }));
    const r = measure(layer, s, num(values.steps, 6));
    console.log(
      JSON.stringify({
        impl: 'fused',
        backend: selection.backend,
        kernels: getBiLstmEngine().kernels,
        ...s,
        threads,
        trainTokensPerSec: Math.round(r.train),
        inferTokensPerSec: Math.round(r.infer),
      }),
    );
    layer.dispose();
  }
  if (!values['no-reference']) {
    const ref = tfl.sequential();
    for (let l = 0; l < s.layers; l++) {
      ref.add(
        tfl.layers.bidirectional({
          layer: tfl.layers.lstm({
            units: s.hidden,
            returnSequences: true,
            recurrentActivation: 'sigmoid',
            // not the default orthogonal init: it needs tfjs's chained tensor methods, and init does not change speed
            recurrentInitializer: 'glorotUniform',
          }) as tfl.RNN,
          ...(l === 0 ? { inputShape: [s.seqLen, s.embedDim] } : {}),
        }),
      );
    }
    const r = measure(ref as unknown as tfl.layers.Layer, s, num(values['reference-steps'], 1));
    console.log(
      JSON.stringify({
        impl: 'tfjs-layers',
        backend: selection.backend,
        ...s,
        threads: 1,
        trainTokensPerSec: Math.round(r.train),
        inferTokensPerSec: Math.round(r.infer),
      }),
    );
  }
}
process.exit(0);
