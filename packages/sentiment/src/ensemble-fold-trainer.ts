import { predictClasses } from '@sentikit/metrics';
import type { NbSvmOptionsInput, NbSvmSelection } from '@sentikit/nbsvm';
import { classBalance } from './auto-settings.ts';
import { countClasses, type Dataset } from './dataset.ts';
import type { EnsembleClassifier } from './ensemble.ts';
import { SentimentError } from './errors.ts';
import { buildEnsemble, trainNbSvmClassifier } from './nbsvm-pipeline.ts';
import { type TrainPipelineOptions, trainSentimentModel } from './pipeline.ts';

/** Options of {@link ensembleFoldTrainer}: the BiLSTM pipeline's, plus the NB-SVM member's. */
export interface EnsembleFoldOptions
  extends Omit<TrainPipelineOptions, 'train' | 'validation' | 'test' | 'seed'> {
  /** NB-SVM options (n-grams, features, c, beta, ...). */
  nbsvm?: Omit<NbSvmOptionsInput, 'labels' | 'seed'>;
  /** NB-SVM settings tried on the fold's validation split before its final fit. */
  select?: Omit<NbSvmSelection, 'validation'>;
}

/** A fold's trained ensemble as cross-validation uses it (structurally `@sentikit/datasets`' FoldClassifier). */
export interface EnsembleFoldModel {
  /** The predicted class index of every text. */
  predict(texts: readonly string[]): Promise<Int32Array>;
  /** Frees both members. */
  dispose(): void;
  /** The ensemble itself (members: the BiLSTM, then the NB-SVM). */
  ensemble: EnsembleClassifier;
}

/**
 * The ensemble's `train` for `crossValidate` (from `@sentikit/datasets`): each fold trains the BiLSTM (the whole
 * pipeline, adaptive defaults included) and an NB-SVM on the fold's training part, then chooses the weights on
 * the fold's validation part, which it needs: by log loss, or by balanced log loss for more than two or skewed
 * classes ({@link classBalance}); the NB-SVM's settings by accuracy or macro recall alike, unless
 * `select.metric` says otherwise, and for skewed classes its probabilities balanced (`classWeights`) unless
 * `nbsvm.classWeights` says otherwise.
 * @throws SentimentError `INVALID_ARGUMENT` for a fold without validation data
 * @example
 * await crossValidate(data, { labels, folds: 10, train: ensembleFoldTrainer({ labels, embeddings }) });
 */
export function ensembleFoldTrainer(
  options: EnsembleFoldOptions,
): (split: { train: Dataset; validation?: Dataset; seed: number }) => Promise<EnsembleFoldModel> {
  const { nbsvm, select, ...pipeline } = options;
  return async (split) => {
    const validation = split.validation;
    if (!validation)
      throw new SentimentError(
        'INVALID_ARGUMENT',
        "an ensemble chooses its weights on validation data: set crossValidate's validationFraction above 0",
      );
    // For more than two or skewed classes every class counts the same, as in early stopping and the loss.
    const balance = classBalance(countClasses(split.train.labels, options.labels.length));
    const run = await trainSentimentModel({ ...pipeline, train: split.train, validation, seed: split.seed });
    let second: Awaited<ReturnType<typeof trainNbSvmClassifier>> | undefined;
    try {
      second = await trainNbSvmClassifier({
        train: split.train,
        validation,
        labels: options.labels,
        nbsvm: {
          ...(balance.skewed ? { classWeights: 'balanced' as const } : {}),
          ...nbsvm,
          seed: split.seed,
        },
        ...(select ? { select: { metric: balance.settingsMetric, ...select } } : {}),
      });
      const { ensemble } = await buildEnsemble({
        members: [run.model, second.classifier],
        validation,
        metric: balance.weightsMetric,
        ...(options.name ? { name: options.name } : {}),
      });
      return {
        ensemble,
        predict: async (texts) => predictClasses(await ensemble.predictProbabilities(texts), texts.length),
        dispose: () => ensemble.dispose(),
      };
    } catch (error) {
      run.model.dispose();
      second?.classifier.dispose();
      throw error;
    }
  };
}
