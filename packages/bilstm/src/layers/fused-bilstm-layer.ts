import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { z } from 'zod';
import { BiLstmError } from '../errors.ts';
import {
  type BiLstmWeights,
  fusedBiLstm,
  fusedBiLstmPooled,
  getBiLstmEngine,
} from '../fused/fused-bilstm.ts';
import { pooledWidth } from '../fused/sequence-pool.ts';
import { dropoutSeed } from './dropout-seed.ts';
import { glorotUniform, orthogonal } from './seeded-init.ts';

/** Configuration of {@link FusedBiLstm}; also what `getConfig()` serialises. */
export const fusedBiLstmConfigSchema = z.object({
  /** Units per direction (H); the output has 2·H features. */
  units: z.number().int().positive(),
  /** Stacked bidirectional layers. @default 1 */
  layers: z.number().int().positive().default(1),
  /** Dropout rate between stacked layers, in training only. @default 0 */
  dropout: z.number().min(0).lt(1).default(0),
  /** Seed of the weight initialisation and the dropout masks. @default 0 */
  seed: z.number().int().default(0),
  /** Forget-gate bias of 1 at initialisation (as Keras' `unit_forget_bias`). @default true */
  unitForgetBias: z.boolean().default(true),
  /**
   * Pool the last layer's output over time inside the engine (`[batch, 2·units]`, `4·units` for `max-mean`)
   * instead of returning the sequence: `last`, `final`, `max`, `mean`, `max-mean` (see `fusedBiLstmPooled`).
   * @default 'none'
   */
  pooling: z.enum(['none', 'last', 'final', 'max', 'mean', 'max-mean']).default('none'),
  name: z.string().optional(),
  trainable: z.boolean().optional(),
  inputShape: z.array(z.number().nullable()).optional(),
  batchInputShape: z.array(z.number().nullable()).optional(),
});

/** Options accepted by the {@link FusedBiLstm} constructor. */
export type FusedBiLstmConfig = z.input<typeof fusedBiLstmConfigSchema>;

let nextLayerKey = 1;

/** A tensor shape with unknown (`null`) dimensions, as tfjs-layers passes them. */
type Shape = (number | null)[];
/** The base-layer arguments tfjs-layers' Layer constructor takes. */
type LayerArgs = ConstructorParameters<typeof tfl.layers.Layer>[0];

/**
 * A (stacked) bidirectional LSTM as a tfjs-layers `Layer`, computed by the fused engine. Input `[batch, steps,
 * features]`, output `[batch, steps, 2·units]`. Honours an input mask (e.g. from `Embedding({ maskZero: true })`)
 * as per-sequence lengths: padding must come after the tokens. Registered with `tf.serialization`, so models
 * using it save and load as `model.json` + `weights.bin`.
 */
export class FusedBiLstm extends tfl.layers.Layer {
  /** The name tfjs serialisation knows this class by (kept as first published, so saved models load). */
  static readonly className = 'FusedBiLSTM';
  private readonly cfg: z.output<typeof fusedBiLstmConfigSchema>;
  private readonly keyBase: number;
  private cells: { kernel: tfl.LayerVariable; recurrent: tfl.LayerVariable; bias: tfl.LayerVariable }[][] =
    [];

  constructor(config: FusedBiLstmConfig) {
    const parsed = fusedBiLstmConfigSchema.safeParse(config);
    if (!parsed.success) {
      throw new BiLstmError(
        'INVALID_CONFIG',
        `FusedBiLstm config: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    }
    const {
      units: _u,
      layers: _l,
      dropout: _d,
      seed: _s,
      unitForgetBias: _f,
      pooling: _p,
      ...base
    } = parsed.data;
    super(base as LayerArgs);
    this.cfg = parsed.data;
    this.supportsMasking = true;
    this.keyBase = nextLayerKey++ * 64;
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    const features = shape[shape.length - 1];
    if (typeof features !== 'number')
      throw new BiLstmError('SHAPE_MISMATCH', 'FusedBiLstm needs a known feature size');
    const { units, layers, seed, unitForgetBias } = this.cfg;
    const g = 4 * units;
    this.cells = [];
    for (let l = 0; l < layers; l++) {
      const inSize = l === 0 ? features : 2 * units;
      const dirs = [];
      for (const [d, dir] of (['forward', 'backward'] as const).entries()) {
        const s = seed * 1000 + l * 10 + d * 3;
        const bias = new Float32Array(g);
        if (unitForgetBias) bias.fill(1, units, 2 * units);
        dirs.push({
          kernel: this.weight(`l${l}_${dir}/kernel`, glorotUniform(inSize, g, s), [inSize, g]),
          recurrent: this.weight(`l${l}_${dir}/recurrent_kernel`, orthogonal(units, g, s + 1), [units, g]),
          bias: this.weight(`l${l}_${dir}/bias`, bias, [g]),
        });
      }
      this.cells.push(dirs);
    }
    this.built = true;
  }

  private weight(name: string, values: Float32Array, shape: number[]): tfl.LayerVariable {
    const v = this.addWeight(name, shape, 'float32', tfl.initializers.zeros(), undefined, true);
    // write() shares the tensor's data with the variable; tidy disposes the temporary handle.
    tf.tidy(() => {
      v.write(tf.tensor(values, shape));
    });
    return v;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    const { pooling, units } = this.cfg;
    if (pooling !== 'none') return [shape[0] ?? null, pooledWidth(pooling, units)];
    return [...shape.slice(0, -1), 2 * units];
  }

  override computeMask(_inputs: tf.Tensor | tf.Tensor[], mask?: tf.Tensor | tf.Tensor[]): tf.Tensor {
    // tfjs-layers treats a null mask as "no mask"; its signature does not say so. Pooled output has no steps.
    if (this.cfg.pooling !== 'none') return null as unknown as tf.Tensor;
    return ((Array.isArray(mask) ? mask[0] : mask) ?? null) as tf.Tensor;
  }

  override call(
    inputs: tf.Tensor | tf.Tensor[],
    kwargs: { mask?: tf.Tensor; training?: boolean },
  ): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D;
      const lengths = kwargs.mask ? lengthsFromMask(kwargs.mask) : undefined;
      const { dropout, seed } = this.cfg;
      let h = x;
      let pooled: tf.Tensor2D | undefined;
      this.cells.forEach((dirs, l) => {
        if (l > 0 && kwargs.training && dropout > 0) {
          h = tf.dropout(h, dropout, undefined, dropoutSeed(seed, this.keyBase + l)) as tf.Tensor3D;
        }
        const [f, b] = dirs as [(typeof dirs)[0], (typeof dirs)[0]];
        const weights: BiLstmWeights = {
          forward: {
            kernel: f.kernel.read() as tf.Tensor2D,
            recurrent: f.recurrent.read() as tf.Tensor2D,
            bias: f.bias.read() as tf.Tensor1D,
          },
          backward: {
            kernel: b.kernel.read() as tf.Tensor2D,
            recurrent: b.recurrent.read() as tf.Tensor2D,
            bias: b.bias.read() as tf.Tensor1D,
          },
        };
        const options = { ...(lengths ? { lengths } : {}), layer: this.keyBase + l };
        const pooling = this.cfg.pooling;
        if (l === this.cells.length - 1 && pooling !== 'none')
          pooled = fusedBiLstmPooled(h, weights, pooling, options);
        else h = fusedBiLstm(h, weights, options);
      });
      return pooled ?? h;
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const { units, layers, dropout, seed, unitForgetBias, pooling } = this.cfg;
    return { ...super.getConfig(), units, layers, dropout, seed, unitForgetBias, pooling };
  }

  override dispose(): ReturnType<tfl.layers.Layer['dispose']> {
    for (let l = 0; l < this.cfg.layers; l++) getBiLstmEngine().release(this.keyBase + l);
    return super.dispose();
  }
}

/** Per-sequence lengths from a `[batch, steps]` mask whose true entries must come first in each row. */
export function lengthsFromMask(mask: tf.Tensor): Int32Array {
  const [batch, steps] = mask.shape as [number, number];
  const m = mask.dataSync();
  const lengths = new Int32Array(batch);
  for (let b = 0; b < batch; b++) {
    let len = 0;
    while (len < steps && m[b * steps + len]) len++;
    for (let t = len; t < steps; t++) {
      if (m[b * steps + t]) {
        throw new BiLstmError(
          'INVALID_ARGUMENT',
          `FusedBiLstm needs padding after the tokens (padding 'post'); row ${b} has a real token at ${t} after padding at ${len}`,
        );
      }
    }
    lengths[b] = len;
  }
  return lengths;
}

tf.serialization.registerClass(FusedBiLstm);
