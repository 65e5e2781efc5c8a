import * as tf from '@tensorflow/tfjs-core';
import { BiLstmError } from '../errors.ts';
import { BiLstmEngine, type BiLstmEngineOptions, type DirectionTensors } from './bilstm-engine.ts';
import { type PoolMode, pooledWidth } from './sequence-pool.ts';
import { readFloats, tensorFromScratch } from './tensor-io.ts';

/** One direction's weights as tensors, Keras layout: kernel `[E, 4H]`, recurrent `[H, 4H]`, bias `[4H]`. */
export interface LstmWeights {
  kernel: tf.Tensor2D;
  recurrent: tf.Tensor2D;
  bias: tf.Tensor1D;
}

/** Both directions' weights of one bidirectional layer. */
export interface BiLstmWeights {
  forward: LstmWeights;
  backward: LstmWeights;
}

/** Options of {@link fusedBiLstm}. */
export interface FusedBiLstmOptions {
  /**
   * Real length of each sequence (`[batch]`); positions at or after it are padding, which changes neither the
   * outputs at real positions nor any gradient. The backward direction starts at each sequence's last real token.
   * @default every sequence is `steps` long
   */
  lengths?: Int32Array | tf.Tensor1D;
  /**
   * Which layer this is, when several layers share the engine: each keeps its own activations for backward.
   * @default 0
   */
  layer?: number;
  /** The engine to run on. @default the shared engine ({@link getBiLstmEngine}) */
  engine?: BiLstmEngine;
}

let shared: BiLstmEngine | null = null;
let sharedThreads: number | undefined;
let sharedOptions: BiLstmEngineOptions = {};
let nextToken = 1;

/** The engine fused BiLSTM layers run on by default (created on first use). */
export function getBiLstmEngine(): BiLstmEngine {
  shared ??= new BiLstmEngine(sharedThreads, sharedOptions);
  return shared;
}

/**
 * Sets how many threads the shared engine uses (1, or 2 to run the two directions in parallel). Replaces the
 * current engine; layers pick up the new one on their next call.
 * @param threads 1 or 2; `undefined` = 2 when the machine has two or more cores
 * @param options the direction worker's deadline
 */
export function configureBiLstmEngine(threads?: number, options: BiLstmEngineOptions = {}): BiLstmEngine {
  shared?.dispose();
  sharedThreads = threads;
  sharedOptions = options;
  shared = new BiLstmEngine(threads, options);
  return shared;
}

function readLengths(lengths: FusedBiLstmOptions['lengths'], batch: number, steps: number): Int32Array {
  if (lengths === undefined) return new Int32Array(batch).fill(steps);
  const values = lengths instanceof tf.Tensor ? Int32Array.from(lengths.dataSync()) : lengths;
  if (values.length !== batch) {
    throw new BiLstmError('SHAPE_MISMATCH', `lengths has ${values.length} entries for a batch of ${batch}`);
  }
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isInteger(v) || v < 0 || v > steps) {
      throw new BiLstmError('INVALID_ARGUMENT', `lengths[${i}] = ${v} is outside 0..${steps}`);
    }
  }
  return values;
}

function checkWeights(w: LstmWeights, inputSize: number, hidden: number, which: string): void {
  const g = 4 * hidden;
  const ok =
    w.kernel.shape[0] === inputSize &&
    w.kernel.shape[1] === g &&
    w.recurrent.shape[0] === hidden &&
    w.recurrent.shape[1] === g &&
    w.bias.shape[0] === g;
  if (!ok) {
    throw new BiLstmError(
      'SHAPE_MISMATCH',
      `${which} weights must be kernel [${inputSize}, ${g}], recurrent [${hidden}, ${g}], bias [${g}]; got [${w.kernel.shape}], [${w.recurrent.shape}], [${w.bias.shape}]`,
    );
  }
}

// Heap views the engine copies from at once, with no tfjs call in between (see readFloats).
const dirData = (k: tf.Tensor, r: tf.Tensor, b: tf.Tensor): DirectionTensors => ({
  kernel: readFloats(k),
  recurrent: readFloats(r),
  bias: readFloats(b),
});

/**
 * A bidirectional LSTM layer as one differentiable op: `x` `[batch, steps, inputSize]` → `[batch, steps,
 * 2·hidden]` (forward units, then backward units). Computed by the fused engine (one matMul per step and
 * direction, both directions in parallel); the gradient is a hand-written backward pass through time.
 * Outputs at padded positions are zero.
 */
export function fusedBiLstm(
  x: tf.Tensor3D,
  weights: BiLstmWeights,
  options: FusedBiLstmOptions = {},
): tf.Tensor3D {
  return run(x, weights, options, null) as tf.Tensor3D;
}

/**
 * {@link fusedBiLstm} followed by pooling over time, computed inside the engine: `[batch, 2·hidden]`
 * (`4·hidden` for `max-mean`: maxima, then means). Same result as pooling the sequence output with tfjs ops,
 * without materialising the sequence or running the pooling ops and their gradients.
 * - `last`: the output at the last position (zero when that is padding);
 * - `final`: each direction's state at its last real step (forward: last token, backward: first);
 * - `max` / `mean`: over the real positions.
 */
export function fusedBiLstmPooled(
  x: tf.Tensor3D,
  weights: BiLstmWeights,
  pool: PoolMode,
  options: FusedBiLstmOptions = {},
): tf.Tensor2D {
  return run(x, weights, options, pool) as tf.Tensor2D;
}

function run(
  x: tf.Tensor3D,
  weights: BiLstmWeights,
  options: FusedBiLstmOptions,
  pool: PoolMode | null,
): tf.Tensor {
  if (x.rank !== 3)
    throw new BiLstmError('SHAPE_MISMATCH', `fusedBiLstm input must be rank 3, got [${x.shape}]`);
  if (x.dtype !== 'float32')
    throw new BiLstmError('INVALID_ARGUMENT', `fusedBiLstm input must be float32, got ${x.dtype}`);
  const [batch, steps, inputSize] = x.shape;
  const hidden = weights.forward.recurrent.shape[0];
  checkWeights(weights.forward, inputSize, hidden, 'forward');
  checkWeights(weights.backward, inputSize, hidden, 'backward');
  const lengths = readLengths(options.lengths, batch, steps);
  const engine = options.engine ?? getBiLstmEngine();
  const layer = options.layer ?? 0;
  const shape = { batch, steps, inputSize, hidden };
  const outShape = pool ? [batch, pooledWidth(pool, hidden)] : [batch, steps, 2 * hidden];
  // Activations are kept only when a gradient tape is recording (training).
  const train = tf.engine().isTapeOn();
  const token = nextToken++;
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xs, fk, fr, fb, bk, br, bb] = args as tf.Tensor[];
    const save = args[7] as tf.GradSaveFunc;
    save([xs, fk, fr, fb, bk, br, bb] as tf.Tensor[]);
    const dirs = [
      dirData(fk as tf.Tensor, fr as tf.Tensor, fb as tf.Tensor),
      dirData(bk as tf.Tensor, br as tf.Tensor, bb as tf.Tensor),
    ] as const;
    const out = engine.forward(layer, shape, readFloats(xs as tf.Tensor), lengths, dirs, train, token, pool);
    const value = tensorFromScratch(out, outShape);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => {
      if (!engine.hasActivations(layer, token)) {
        // Another pass of this layer ran since: recompute this one's activations from its saved inputs.
        const [sx, sfk, sfr, sfb, sbk, sbr, sbb] = saved as tf.Tensor[];
        const again = [
          dirData(sfk as tf.Tensor, sfr as tf.Tensor, sfb as tf.Tensor),
          dirData(sbk as tf.Tensor, sbr as tf.Tensor, sbb as tf.Tensor),
        ] as const;
        engine.forward(layer, shape, readFloats(sx as tf.Tensor), lengths, again, true, token, pool);
      }
      const g = engine.backward(layer, token, readFloats(dy));
      const e = inputSize;
      const four = 4 * hidden;
      return [
        tensorFromScratch(g.dInput, [batch, steps, e]),
        tensorFromScratch(g.forward.kernel, [e, four]),
        tensorFromScratch(g.forward.recurrent, [hidden, four]),
        tensorFromScratch(g.forward.bias, [four]),
        tensorFromScratch(g.backward.kernel, [e, four]),
        tensorFromScratch(g.backward.recurrent, [hidden, four]),
        tensorFromScratch(g.backward.bias, [four]),
      ];
    };
    return { value, gradFunc };
  });
  const f = weights.forward;
  const b = weights.backward;
  return op(x, f.kernel, f.recurrent, f.bias, b.kernel, b.recurrent, b.bias);
}

/**
 * Each direction's final state from a fused BiLSTM output: the forward units at each sequence's last real
 * token and the backward units at its first. `[batch, 2·hidden]`.
 */
export function finalStates(
  sequence: tf.Tensor3D,
  lengths: Int32Array | tf.Tensor1D | undefined,
): tf.Tensor2D {
  return tf.tidy(() => {
    const [batch, steps, width] = sequence.shape;
    const hidden = width / 2;
    const lens = readLengths(lengths, batch, steps);
    const last = Int32Array.from(lens, (l) => Math.max(0, l - 1));
    const fwd = tf.gather(
      tf.reshape(tf.slice(sequence, [0, 0, 0], [batch, steps, hidden]), [batch * steps, hidden]),
      tf.tensor1d(
        Int32Array.from(last, (t, b) => b * steps + t),
        'int32',
      ),
    );
    const bwd = tf.reshape(tf.slice(sequence, [0, 0, hidden], [batch, 1, hidden]), [batch, hidden]);
    return tf.concat([fwd, bwd], 1) as tf.Tensor2D;
  });
}
