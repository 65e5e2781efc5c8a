import { predictClasses } from '@sentikit/metrics';
import type { Dataset } from './dataset.ts';
import { type TrainPipelineOptions, type TrainPipelineResult, trainSentimentModel } from './pipeline.ts';
import type { SentimentModel } from './sentiment-model.ts';

/** A fold's trained BiLSTM as cross-validation uses it (structurally `@sentikit/datasets`' FoldClassifier). */
export interface SentimentFoldModel {
  /** The predicted class index of every text. */
  predict(texts: readonly string[]): Int32Array;
  /** Frees the model's tensors. */
  dispose(): void;
  /** The model itself. */
  model: SentimentModel;
  /** The fold's training run. */
  run: TrainPipelineResult;
}

/**
 * The BiLSTM's `train` for `crossValidate` (from `@sentikit/datasets`): each fold runs the whole pipeline
 * ({@link trainSentimentModel}, adaptive defaults included) on the fold's split with these options.
 * @example
 * await crossValidate(data, { labels, folds: 10, train: sentimentFoldTrainer({ labels, embeddings }) });
 */
export function sentimentFoldTrainer(
  options: Omit<TrainPipelineOptions, 'train' | 'validation' | 'test' | 'seed'>,
): (split: { train: Dataset; validation?: Dataset; seed: number }) => Promise<SentimentFoldModel> {
  return async (split) => {
    const run = await trainSentimentModel({
      ...options,
      train: split.train,
      ...(split.validation ? { validation: split.validation } : {}),
      seed: split.seed,
    });
    const model = run.model;
    return {
      model,
      run,
      predict: (texts) => predictClasses(model.probabilities(texts, { batchSize: 128 }).probs, texts.length),
      dispose: () => model.dispose(),
    };
  };
}
