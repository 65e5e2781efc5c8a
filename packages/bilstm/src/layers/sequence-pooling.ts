import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { BilstmError } from '../errors.ts';
import { finalStates } from '../fused/fused-bilstm.ts';
import { lengthsFromMask } from './fused-bilstm-layer.ts';

/** Pooling modes of {@link SequencePooling}. */
export type PoolingMode = 'last' | 'final' | 'max' | 'mean' | 'max-mean';

/**
 * `[batch, steps, features]` → `[batch, features]` (or `2·features` for `max-mean`), honouring the input mask:
 * `last` takes the last position (padding included), `final` each BiLSTM direction's state at the real end,
 * `max`/`mean` pool over real positions only.
 */
export class SequencePooling extends tfl.layers.Layer {
  /** The name tfjs serialisation knows this class by. */
  static readonly className = 'SequencePooling';
  private readonly mode: PoolingMode;

  constructor(config: { mode: PoolingMode; name?: string }) {
    super(config.name ? { name: config.name } : {});
    if (!['last', 'final', 'max', 'mean', 'max-mean'].includes(config.mode)) {
      throw new BilstmError('INVALID_CONFIG', `unknown pooling '${config.mode}'`);
    }
    this.mode = config.mode;
    this.supportsMasking = true;
  }

  override computeOutputShape(inputShape: (number | null)[] | (number | null)[][]): (number | null)[] {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as (number | null)[];
    const features = shape[2] ?? null;
    return [shape[0] ?? null, this.mode === 'max-mean' && features !== null ? 2 * features : features];
  }

  override computeMask(): tf.Tensor {
    return null as unknown as tf.Tensor;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: { mask?: tf.Tensor }): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D;
      const [batch, steps, features] = x.shape;
      const mask = kwargs.mask;
      switch (this.mode) {
        case 'last':
          return tf.reshape(tf.slice(x, [0, steps - 1, 0], [batch, 1, features]), [batch, features]);
        case 'final':
          return finalStates(x, mask ? lengthsFromMask(mask) : undefined);
        default: {
          const m = mask ? tf.expandDims(tf.cast(mask, 'float32'), 2) : tf.ones([batch, steps, 1]);
          const parts: tf.Tensor[] = [];
          if (this.mode !== 'mean') {
            // Padded positions are pushed far below any real value before the max.
            parts.push(tf.max(tf.add(tf.mul(x, m), tf.mul(tf.sub(1, m), -1e9)), 1));
          }
          if (this.mode !== 'max') {
            parts.push(tf.div(tf.sum(tf.mul(x, m), 1), tf.maximum(tf.sum(m, 1), 1)));
          }
          return parts.length === 1 ? (parts[0] as tf.Tensor) : tf.concat(parts, 1);
        }
      }
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), mode: this.mode };
  }
}

tf.serialization.registerClass(SequencePooling);
