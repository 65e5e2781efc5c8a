// The model's own types: a type-only import, so the gateway and its tests never load TensorFlow.js for them.
import type { Classification, ModelInfo } from '@sentikit/sentiment';

export type { Classification, ModelInfo };

/** One label's probability in a classification. */
export type LabelProbability = Classification['probabilities'][number];

/**
 * The structural contract the gateway serves; `@sentikit/sentiment`'s `SentimentModel` satisfies it, and tests
 * use a fake.
 */
export interface SentimentClassifier {
  /** Static facts about the model. */
  readonly info: ModelInfo;
  /** Classifies texts in one model call; resolves to one result per text, in order. */
  classify(texts: readonly string[]): Promise<Classification[]>;
  /** Live tensor count of the backend (tfjs `memory().numTensors`), for the metrics gauge; undefined when unknown. */
  tensorCount?(): number | undefined;
  /**
   * Subscribes to the model failing for good after it was loaded (e.g. its worker thread died); the gateway
   * then reports not ready and refuses work with `MODEL_CRASHED`. Called at most once.
   */
  onFailure?(listener: (error: Error) => void): void;
  /** Ends the model at once without freeing anything (its thread is stuck); later calls fail. */
  terminate?(): void;
  /** Frees the model's tensors (and its thread, if it has one); called once at shutdown, after the last call. */
  dispose?(): void | Promise<void>;
}
