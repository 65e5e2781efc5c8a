import type { SentiTokenizer } from '@sentikit/tokenizer';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { buildNetwork } from './build-network.ts';
import { classificationsOf, type ModelFamily, type TextClassifier } from './classifier.ts';
import { type ModelConfig, type ModelConfigInput, modelConfigSchema } from './config.ts';
import { encodeForModel, tokenCounts } from './encode.ts';
import { SentimentError } from './errors.ts';

/** One text's prediction. */
export interface Classification {
  /** The predicted class name. */
  label: string;
  /** Probability of the predicted class. */
  score: number;
  /** Every class with its probability, in label order. */
  probabilities: { label: string; probability: number }[];
  /** Tokens in the text (before truncation). */
  tokens: number;
  /** Whether the text was longer than the model reads (`maxLength`) and was cut. */
  truncated: boolean;
}

/** What a served model says about itself. */
export interface ModelInfo {
  name: string;
  version: string;
  /** The model family: `bilstm`, `nbsvm` or `ensemble`. */
  family: ModelFamily;
  labels: string[];
  vocabularySize: number;
  /** Tokens the model reads of a text; 0 when it reads every token (NB-SVM). */
  maxLength: number;
  /** The tfjs backend running it. */
  backend: string;
  /** Metrics recorded when it was trained (e.g. test accuracy), or null. */
  metrics: Record<string, number> | null;
}

/** Options of {@link SentimentModel.classify}. */
export interface ClassifyOptions {
  /** Texts per forward pass. @default 64 */
  batchSize?: number;
}

/**
 * A BiLSTM sentiment classifier: tokenizer + network + config. Create one with {@link SentimentModel.create}
 * (untrained, e.g. from GloVe vectors), train it with `train()`, save it with `saveSentimentModel()`, load it with
 * `loadSentimentModel()`.
 */
export class SentimentModel implements TextClassifier {
  readonly family = 'bilstm' as const;
  /** The validated architecture. */
  readonly config: ModelConfig;
  readonly tokenizer: SentiTokenizer;
  /** The tfjs-layers network (logits out). */
  readonly network: tfl.LayersModel;
  /** Name shown by the gateway and the CLI. */
  name: string;
  /** Version string of this model (e.g. its training date). */
  version: string;
  /** Metrics recorded at training time. */
  metrics: Record<string, number> | null = null;

  constructor(parts: {
    config: ModelConfig;
    tokenizer: SentiTokenizer;
    network: tfl.LayersModel;
    name?: string;
    version?: string;
  }) {
    this.config = parts.config;
    this.tokenizer = parts.tokenizer;
    this.network = parts.network;
    this.name = parts.name ?? 'sentikit-bilstm';
    this.version = parts.version ?? '0';
  }

  /**
   * A new, untrained model for a tokenizer.
   * @param embeddings pretrained rows `[vocabulary size, embeddingDim]`, aligned to the tokenizer's vocabulary
   */
  static create(options: {
    tokenizer: SentiTokenizer;
    config?: Omit<ModelConfigInput, 'vocabSize'>;
    embeddings?: Float32Array;
    name?: string;
  }): SentimentModel {
    const parsed = modelConfigSchema.safeParse({
      ...options.config,
      vocabSize: options.tokenizer.vocabulary.size,
    });
    if (!parsed.success) {
      throw new SentimentError(
        'INVALID_CONFIG',
        `invalid model config: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
      );
    }
    const network = buildNetwork(parsed.data, options.embeddings);
    return new SentimentModel({
      config: parsed.data,
      tokenizer: options.tokenizer,
      network,
      ...(options.name ? { name: options.name } : {}),
    });
  }

  /** Logits `[batch, classes]` for an id batch (inference mode). The caller owns the tensor. */
  logits(ids: Int32Array, batch: number, steps: number): tf.Tensor2D {
    return tf.tidy(
      () => this.network.apply(tf.tensor2d(ids, [batch, steps], 'int32'), { training: false }) as tf.Tensor2D,
    );
  }

  /**
   * Class probabilities of texts, `[texts, classes]` row-major, computed in batches of similar length. A
   * text's result does not depend on the other texts (padding is masked, or every batch has the fixed shape).
   */
  probabilities(
    texts: readonly string[],
    options: ClassifyOptions = {},
  ): { probs: Float32Array; tokens: Int32Array; truncated: boolean[] } {
    const batchSize = options.batchSize ?? 64;
    const classes = this.config.labels.length;
    const counts = tokenCounts(this.tokenizer, texts);
    const order = Array.from(texts.keys()).sort(
      (a, b) => (counts[a] as number) - (counts[b] as number) || a - b,
    );
    const probs = new Float32Array(texts.length * classes);
    const truncated = new Array<boolean>(texts.length).fill(false);
    for (const idx of this.inferenceBatches(order, counts, batchSize)) {
      const enc = encodeForModel(
        this.tokenizer,
        this.config,
        idx.map((i) => texts[i] as string),
      );
      const p = tf.tidy(() => tf.softmax(this.logits(enc.ids, enc.batchSize, enc.sequenceLength)).dataSync());
      idx.forEach((orig, row) => {
        probs.set(p.subarray(row * classes, row * classes + classes), orig * classes);
        truncated[orig] = enc.truncated[row] as boolean;
      });
    }
    return { probs, tokens: counts, truncated };
  }

  /**
   * Batches of text indices (sorted by length) such that padding cannot change a result: any batch when
   * padding is masked or every batch has the fixed shape; otherwise (an unmasked model padded per batch, like
   * the seed) only texts of the same length share a batch.
   */
  private *inferenceBatches(order: number[], counts: Int32Array, batchSize: number): Generator<number[]> {
    const unmasked = !this.config.masking && !this.config.fixedLength;
    const length = (i: number): number => Math.max(1, Math.min(counts[i] as number, this.config.maxLength));
    let batch: number[] = [];
    for (const i of order) {
      if (
        batch.length === batchSize ||
        (unmasked && batch.length > 0 && length(batch[0] as number) !== length(i))
      ) {
        yield batch;
        batch = [];
      }
      batch.push(i);
    }
    if (batch.length > 0) yield batch;
  }

  /** Labels, scores and probabilities for texts. */
  async classify(texts: readonly string[], options: ClassifyOptions = {}): Promise<Classification[]> {
    const { probs, tokens, truncated } = this.probabilities(texts, options);
    return classificationsOf(this.config.labels, probs, tokens, truncated);
  }

  /** Class names in label order. */
  get labels(): readonly string[] {
    return this.config.labels;
  }

  /** Class probabilities, row-major `texts × classes` (see {@link SentimentModel.probabilities}). */
  async predictProbabilities(texts: readonly string[], options: ClassifyOptions = {}): Promise<Float32Array> {
    return this.probabilities(texts, options).probs;
  }

  /** Name, version, labels, sizes, backend and training metrics. */
  get info(): ModelInfo {
    return {
      name: this.name,
      version: this.version,
      family: this.family,
      labels: [...this.config.labels],
      vocabularySize: this.tokenizer.vocabulary.size,
      maxLength: this.config.maxLength,
      backend: tf.getBackend(),
      metrics: this.metrics,
    };
  }

  /** tfjs tensors alive now (for leak checks and the gateway's metrics). */
  tensorCount(): number {
    return tf.memory().numTensors;
  }

  /** Frees the network's weights and engine buffers. */
  dispose(): void {
    this.network.dispose();
  }
}
