import { loadEmbeddings } from '@sentikit/embeddings';
import { SentiTokenizer } from '@sentikit/tokenizer';
import {
  type ModelConfigInput,
  type PresetName,
  presets,
  type TrainingConfig,
  type TrainingConfigInput,
} from './config.ts';
import { checkDataset, type Dataset } from './dataset.ts';
import { type EvaluationMetrics, evaluateModel } from './evaluate.ts';
import { SentimentModel } from './sentiment-model.ts';
import { type TrainCallbacks, type TrainResult, train } from './train.ts';

/** Where the pipeline reports what it decided and found; the package never prints. */
export interface PipelineLogger {
  info(message: string): void;
  warn(message: string): void;
}

/** How well pretrained vectors covered the vocabulary. */
export interface EmbeddingsCoverage {
  /** The vectors file. */
  source: string;
  /** Vocabulary words with a vector. */
  found: number;
  /** Share of vocabulary types with a vector. */
  typeCoverage: number;
  /** Share of training tokens with a vector, when known. */
  tokenCoverage: number | null;
  /** Width of the vectors. */
  dim: number;
  /** Whether they came from the embeddings cache. */
  fromCache: boolean;
}

/** Options of {@link trainSentimentModel}: the data, the settings, and control of the run. */
export interface TrainPipelineOptions {
  /** Training texts; `labels[i]` indexes {@link labels}. */
  train: Dataset;
  /** Scored after every epoch; picks the epoch kept and drives early stopping. */
  validation?: Dataset;
  /** Scored once at the end with the kept weights (never used to choose anything). */
  test?: Dataset;
  /** Class names in label order (label i ↔ labels[i]); at least two. */
  labels: readonly string[];
  /** The starting point of model and training settings. @default 'default' */
  preset?: PresetName;
  /** Overrides of the preset's model settings. */
  model?: Partial<Omit<ModelConfigInput, 'vocabSize' | 'labels'>>;
  /** Overrides of the preset's training settings. */
  training?: Partial<TrainingConfigInput>;
  /** A word-vectors file (GloVe, word2vec, fastText) to start the embeddings from. */
  embeddings?: string;
  /** Where parsed vectors are cached between runs; no cache when absent. */
  embeddingsCacheDir?: string;
  /** Seed of weights, shuffling, dropout and unknown words' vectors. @default 42 */
  seed?: number;
  /** The model's name. @default 'sentiment' */
  name?: string;
  /** Stops after the current batch; a checkpoint is written when `checkpointDir` is set. */
  signal?: AbortSignal;
  /** Folder for a checkpoint after each epoch (and at an abort). */
  checkpointDir?: string;
  /** Continue from the checkpoint in `checkpointDir`. @default false */
  resume?: boolean;
  /** Batch and epoch callbacks. */
  callbacks?: TrainCallbacks;
  /** Receives one line per decision and finding (vocabulary size, coverage, ...). */
  logger?: PipelineLogger;
}

/** What {@link trainSentimentModel} produced: the model (the caller owns and disposes it) and its record. */
export interface TrainPipelineResult {
  /** The trained model, holding the kept epoch's weights; unchanged when the run was aborted. */
  model: SentimentModel;
  /** The training run's history and options. */
  training: TrainResult;
  /** The training options as validated. */
  options: TrainingConfig;
  /** Test metrics, when a test set was given and the run was not aborted. */
  test: EvaluationMetrics | null;
  /** Embedding coverage, when vectors were loaded. */
  embeddings: EmbeddingsCoverage | null;
  /** Wall-clock seconds of the whole pipeline. */
  seconds: number;
}

const percent = (x: number | null) => (x === null ? 'n/a' : `${(100 * x).toFixed(1)}%`);

/**
 * The whole training pipeline as one call: a tokenizer and vocabulary from the training texts, pretrained
 * vectors aligned to it, the model from the preset and overrides, training with validation, checkpoints and
 * callbacks, and the test evaluation.
 * @example
 * const { model, test } = await trainSentimentModel({ train, validation, test, labels: ['neg', 'pos'] });
 */
export async function trainSentimentModel(options: TrainPipelineOptions): Promise<TrainPipelineResult> {
  const started = performance.now();
  const preset = presets[options.preset ?? 'default'];
  const seed = options.seed ?? 42;
  const log = options.logger;
  checkDataset(options.train, options.labels.length, 'training set');
  const tokenizer = await SentiTokenizer.train(options.train.texts, preset.vocabulary);
  log?.info(`vocabulary: ${tokenizer.vocabulary.size.toLocaleString('en')} tokens`);
  let matrix: Float32Array | undefined;
  let coverage: EmbeddingsCoverage | null = null;
  if (options.embeddings) {
    const loaded = await loadEmbeddings(options.embeddings, {
      vocabulary: tokenizer.vocabulary,
      oov: 'random',
      seed,
      ...(options.embeddingsCacheDir ? { cacheDir: options.embeddingsCacheDir } : {}),
    });
    matrix = loaded.matrix;
    coverage = {
      source: options.embeddings,
      found: loaded.found,
      typeCoverage: loaded.coverage.types,
      tokenCoverage: loaded.coverage.tokens,
      dim: loaded.dim,
      fromCache: loaded.fromCache,
    };
    log?.info(
      `embeddings: ${loaded.found.toLocaleString('en')} of ${tokenizer.vocabulary.size.toLocaleString('en')} words found (${percent(loaded.coverage.types)} of types, ${percent(loaded.coverage.tokens)} of tokens)${loaded.fromCache ? ', from cache' : ''}`,
    );
    const presetDim = options.model?.embeddingDim ?? preset.model.embeddingDim;
    if (loaded.dim !== presetDim) {
      log?.info(
        `embeddings: ${loaded.dim}-dimensional vectors; the model uses ${loaded.dim}, not ${presetDim}`,
      );
    }
  }
  const model = SentimentModel.create({
    tokenizer,
    config: {
      ...preset.model,
      ...options.model,
      ...(coverage ? { embeddingDim: coverage.dim } : {}),
      labels: [...options.labels],
      seed,
    },
    ...(matrix ? { embeddings: matrix } : {}),
    name: options.name ?? 'sentiment',
  });
  try {
    const training = await train(model, options.train, {
      ...preset.train,
      ...options.training,
      seed,
      ...(options.validation ? { valSet: options.validation } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.checkpointDir ? { checkpointDir: options.checkpointDir } : {}),
      resume: options.resume ?? false,
      ...(options.callbacks ? { callbacks: options.callbacks } : {}),
    });
    let test: EvaluationMetrics | null = null;
    if (options.test && !training.aborted) {
      log?.info(`evaluating on ${options.test.texts.length.toLocaleString('en')} test texts…`);
      test = evaluateModel(model, options.test);
    }
    return {
      model,
      training,
      options: training.options,
      test,
      embeddings: coverage,
      seconds: (performance.now() - started) / 1000,
    };
  } catch (error) {
    model.dispose();
    throw error;
  }
}
