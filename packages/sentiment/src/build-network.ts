import { FusedBiLstm, SeededDropout, seededRandom } from '@sentikit/bilstm';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { ModelConfig } from './config.ts';
import { SentimentError } from './errors.ts';

/**
 * The network: token ids `[batch, steps]` → embedding → (dropout) → fused BiLSTM → pooling → (dropout) →
 * Dense(ffn, ReLU) → Dense(classes) logits. Logits, not probabilities: the loss is softmax cross-entropy on
 * logits (a softmax layer before it would compute log(softmax) less stably).
 * @param embeddings pretrained `[vocabSize, embeddingDim]` rows (e.g. GloVe, aligned to the vocabulary)
 */
export function buildNetwork(config: ModelConfig, embeddings?: Float32Array): tfl.LayersModel {
  const { vocabSize, embeddingDim: dim, seed } = config;
  if (embeddings && embeddings.length !== vocabSize * dim) {
    throw new SentimentError(
      'INVALID_ARGUMENT',
      `embedding matrix has ${embeddings.length} values; the model needs ${vocabSize} × ${dim} = ${vocabSize * dim}`,
    );
  }
  const rng = seededRandom(seed);
  const initial =
    embeddings ??
    Float32Array.from({ length: vocabSize * dim }, (_, i) => (i < dim ? 0 : (rng.uniform() * 2 - 1) * 0.05));
  const input = tfl.input({ shape: [null], dtype: 'int32', name: 'token_ids' });
  const embedding = tfl.layers.embedding({
    name: 'embedding',
    inputDim: vocabSize,
    outputDim: dim,
    maskZero: config.masking,
    trainable: config.trainEmbeddings,
    embeddingsInitializer: 'zeros',
  });
  let x = embedding.apply(input) as tfl.SymbolicTensor;
  tf.tidy(() => embedding.setWeights([tf.tensor2d(initial, [vocabSize, dim])]));
  if (config.embeddingDropout > 0) {
    x = new SeededDropout({
      rate: config.embeddingDropout,
      seed: seed + 1,
      noise: 'features',
      name: 'embedding_dropout',
    }).apply(x) as tfl.SymbolicTensor;
  }
  // Pooling runs inside the fused engine: the [batch, steps, 2H] sequence is never materialised.
  x = new FusedBiLstm({
    units: config.hidden,
    layers: config.layers,
    dropout: config.lstmDropout,
    seed: seed + 2,
    pooling: config.pooling,
    name: 'bilstm',
  }).apply(x) as tfl.SymbolicTensor;
  if (config.dropout > 0)
    x = new SeededDropout({ rate: config.dropout, seed: seed + 3, name: 'dropout' }).apply(
      x,
    ) as tfl.SymbolicTensor;
  if (config.ffn > 0) {
    x = tfl.layers
      .dense({
        units: config.ffn,
        activation: 'relu',
        name: 'ffn',
        kernelInitializer: tfl.initializers.glorotUniform({ seed: seed + 4 }),
      })
      .apply(x) as tfl.SymbolicTensor;
  }
  const logits = tfl.layers
    .dense({
      units: config.labels.length,
      name: 'logits',
      kernelInitializer: tfl.initializers.glorotUniform({ seed: seed + 5 }),
    })
    .apply(x) as tfl.SymbolicTensor;
  return tfl.model({ inputs: input, outputs: logits, name: 'sentikit_bilstm' });
}
