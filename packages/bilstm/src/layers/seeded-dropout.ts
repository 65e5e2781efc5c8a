import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { dropoutSeed } from './dropout-seed.ts';

/**
 * Dropout whose masks are reproducible: seeded from the layer's seed and the trainer's step (see
 * `dropoutClock`). Active in training only; passes the input mask through. `noise: 'features'` drops whole
 * feature vectors (e.g. a word's embedding) instead of single values.
 */
export class SeededDropout extends tfl.layers.Layer {
  /** The name tfjs serialisation knows this class by. */
  static readonly className = 'SeededDropout';
  private readonly rate: number;
  private readonly seed: number;
  private readonly noise: 'values' | 'features';

  constructor(config: { rate: number; seed?: number; noise?: 'values' | 'features'; name?: string }) {
    super(config.name ? { name: config.name } : {});
    this.rate = config.rate;
    this.seed = config.seed ?? 0;
    this.noise = config.noise ?? 'values';
    this.supportsMasking = true;
  }

  override computeMask(_inputs: tf.Tensor | tf.Tensor[], mask?: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return ((Array.isArray(mask) ? mask[0] : mask) ?? null) as tf.Tensor;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: { training?: boolean }): tf.Tensor {
    const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    if (!kwargs.training || this.rate === 0) return tf.clone(x);
    const noiseShape = this.noise === 'features' ? [...x.shape.slice(0, -1), 1] : undefined;
    return tf.dropout(x, this.rate, noiseShape, dropoutSeed(this.seed));
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed, noise: this.noise };
  }
}

tf.serialization.registerClass(SeededDropout);
