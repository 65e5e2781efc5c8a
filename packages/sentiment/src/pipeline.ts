import { loadEmbeddings } from '@sentikit/embeddings';
import { SentiTokenizer } from '@sentikit/tokenizer';
import { type AutoChoice, autoSettings } from './auto-settings.ts';
import {
  type ModelConfigInput,
  type PresetName,
  presets,
  type TrainingConfig,
  type TrainingConfigInput,
} from './config.ts';
import { checkDataset, countClasses, type Dataset } from './dataset.ts';
import { tokenCounts } from './encode.ts';
import { SentimentError } from './errors.ts';
import { type EvaluationMetrics, evaluateModel } from './evaluate.ts';
import { guardRailsAfter, guardRailsBefore, stillImproving } from './guard-rails.ts';
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
  /**
   * Adapt the settings to the training split (see `autoSettings`): maximum length, batch size, epochs,
   * warm-up, early stopping, regularisation, class weights. Explicit `model` / `training` options still win.
   * @default true with the `default` preset, false with `seed` (which reproduces the tutorial)
   */
  auto?: boolean;
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
  /** The settings chosen from the data, each with its reason (empty when `auto` is off). */
  settings: AutoChoice[];
  /** What the run should make its user check or change, one line each (also sent to `logger.warn`). */
  warnings: string[];
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
  const classCounts = countClasses(options.train.labels, options.labels.length);
  const seen = classCounts.filter((c) => c > 0).length;
  if (seen < 2) {
    throw new SentimentError(
      'INVALID_ARGUMENT',
      `the training set has only one class (${options.labels[classCounts.findIndex((c) => c > 0)]}); a classifier needs examples of at least two: check the label column and --label-map`,
    );
  }
  const warnings: string[] = [];
  const warn = (message: string) => {
    warnings.push(message);
    log?.warn(message);
  };
  const tokenizer = await SentiTokenizer.train(options.train.texts, preset.vocabulary);
  log?.info(`vocabulary: ${tokenizer.vocabulary.size.toLocaleString('en')} tokens`);
  const auto =
    (options.auto ?? options.preset !== 'seed')
      ? autoSettings({
          size: options.train.texts.length,
          lengths: tokenCounts(tokenizer, options.train.texts),
          classCounts,
          hasValidation: options.validation !== undefined,
          given: { batchSize: options.training?.batchSize, epochs: options.training?.epochs },
        })
      : { model: {}, training: {}, choices: [] };
  const settings: AutoChoice[] = [];
  for (const choice of auto.choices) {
    const [group, key] = choice.setting.split('.') as ['model' | 'training', string];
    const given = (options[group] as Record<string, unknown> | undefined)?.[key];
    if (given !== undefined) {
      log?.info(
        `${choice.setting}: ${JSON.stringify(given)} (given; the data suggested ${JSON.stringify(choice.value)})`,
      );
    } else {
      settings.push(choice);
      log?.info(`${choice.setting}: ${JSON.stringify(choice.value)} (${choice.reason})`);
    }
  }
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
      ...auto.model,
      ...options.model,
      ...(coverage ? { embeddingDim: coverage.dim } : {}),
      labels: [...options.labels],
      seed,
    },
    ...(matrix ? { embeddings: matrix } : {}),
    name: options.name ?? 'sentiment',
  });
  const trainingOptions = { ...preset.train, ...auto.training, ...options.training };
  for (const w of guardRailsBefore({
    classCounts,
    labels: options.labels,
    trainSize: options.train.texts.length,
    validation: options.validation,
    batchSize: trainingOptions.batchSize ?? 64,
    epochs: trainingOptions.epochs ?? 5,
    warmupSteps: trainingOptions.warmupSteps ?? 0,
  }))
    warn(w);
  try {
    const training = await train(model, options.train, {
      ...trainingOptions,
      seed,
      ...(options.validation ? { valSet: options.validation } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.checkpointDir ? { checkpointDir: options.checkpointDir } : {}),
      resume: options.resume ?? false,
      ...(options.callbacks ? { callbacks: options.callbacks } : {}),
    });
    if (options.validation && !training.aborted) {
      for (const w of guardRailsAfter(
        evaluateModel(model, options.validation),
        options.validation,
        options.labels,
      ))
        warn(w);
      const suggested = auto.choices.find((c) => c.setting === 'training.epochs')?.value as
        | number
        | undefined;
      const cut = stillImproving(training, suggested);
      if (cut) warn(cut);
    }
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
      settings,
      warnings,
    };
  } catch (error) {
    model.dispose();
    throw error;
  }
}
