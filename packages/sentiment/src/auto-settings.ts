import type { ModelConfigInput, TrainingConfigInput } from './config.ts';

/** What the adaptive defaults look at: the training split only (never validation or test data). */
export interface TrainingStats {
  /** Training texts. */
  size: number;
  /** Token count of every training text (before truncation). */
  lengths: ArrayLike<number>;
  /** Training texts per class, in label order. */
  classCounts: readonly number[];
  /** Whether a validation set scores the epochs (early stopping needs one). */
  hasValidation: boolean;
  /** Batch size and epochs given explicitly: the warm-up and patience are derived from these instead. */
  given?: { batchSize?: number | undefined; epochs?: number | undefined };
}

/** One setting chosen from the data, with the reason in one line. */
export interface AutoChoice {
  /** The setting, as a dotted path (`model.maxLength`, `training.epochs`, ...). */
  setting: string;
  value: unknown;
  reason: string;
}

/** The settings {@link autoSettings} chose, ready to lay over a preset (explicit options go on top). */
export interface AutoSettings {
  model: Partial<Omit<ModelConfigInput, 'vocabSize' | 'labels'>>;
  training: Partial<TrainingConfigInput>;
  /** Every choice with its reason, in a stable order. */
  choices: AutoChoice[];
}

/** The bounds the adaptive defaults keep to. */
export const autoLimits = {
  /** Longest `maxLength` chosen (IMDB's reviews reach it). */
  maxLength: 400,
  /** Shortest `maxLength` chosen. */
  minLength: 16,
  /** Share of training texts read whole. */
  lengthPercentile: 0.95,
  /** Optimizer steps a run aims at, at least (small data gets more epochs). */
  targetSteps: 1400,
  /** Fewest and most epochs chosen. */
  minEpochs: 4,
  maxEpochs: 20,
  /** Below this many training texts the data counts as small (batch 32, more dropout, frozen embeddings). */
  smallData: 10_000,
  /** Largest/smallest class ratio from which the loss weighs the classes. */
  skew: 1.5,
} as const;

/** The value at quantile `q` of `values` (nearest rank). */
export function percentile(values: ArrayLike<number>, q: number): number {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}

/** How the classes of a training split are balanced, as {@link classBalance} reads it. */
export interface ClassBalance {
  /** Largest over smallest non-empty class (1 when balanced). */
  ratio: number;
  /** Whether {@link ratio} reaches `autoLimits.skew`. */
  skewed: boolean;
  /**
   * Whether choices made on validation data should weigh every class the same (macro scores) rather than every
   * text: with more than two classes, or skewed ones.
   */
  macro: boolean;
  /** Why {@link macro} holds, in a few words (`3 classes`, `skewed classes`); empty when it does not. */
  reason: string;
  /** What the NB-SVM's settings maximise on validation: macro recall when {@link macro}, else accuracy. */
  settingsMetric: 'accuracy' | 'macroRecall';
  /** What an ensemble's weights minimise on validation: balanced log loss when {@link macro}, else log loss. */
  weightsMetric: 'logLoss' | 'balancedLogLoss';
}

/**
 * Reads the class counts of a training split: the one rule behind early stopping's metric, class weights, and
 * what the NB-SVM's settings and an ensemble's weights maximise on validation.
 * @example
 * classBalance([500, 300, 200]).weightsMetric; // 'balancedLogLoss': 3 classes, skewed too (ratio 2.5)
 */
export function classBalance(classCounts: readonly number[]): ClassBalance {
  const present = classCounts.filter((c) => c > 0);
  const ratio = present.length > 0 ? Math.max(...present) / Math.min(...present) : 1;
  const skewed = ratio >= autoLimits.skew;
  const macro = classCounts.length > 2 || skewed;
  const reason = classCounts.length > 2 ? `${classCounts.length} classes` : skewed ? 'skewed classes' : '';
  return {
    ratio,
    skewed,
    macro,
    reason,
    settingsMetric: macro ? 'macroRecall' : 'accuracy',
    weightsMetric: macro ? 'balancedLogLoss' : 'logLoss',
  };
}

/**
 * Settings that adapt to the training split, each with a one-line reason: `maxLength` from the length
 * distribution (95th percentile, rounded up to 8, capped), the batch size, epochs and warm-up from the number
 * of steps, early stopping on the validation set (macro F1 for more than two or skewed classes), more
 * regularisation and frozen embeddings for small data, and balanced class weights for skewed classes. Pure:
 * the same statistics give the same settings.
 * @example
 * const auto = autoSettings({ size: 2000, lengths, classCounts: [1000, 1000], hasValidation: true });
 * auto.training.epochs; // 20: 63 steps an epoch, aiming at 1,400 steps (at most 20 epochs)
 */
export function autoSettings(stats: TrainingStats): AutoSettings {
  const choices: AutoChoice[] = [];
  const model: AutoSettings['model'] = {};
  const training: AutoSettings['training'] = {};
  const choose = <T>(
    target: Record<string, unknown>,
    group: string,
    key: string,
    value: T,
    reason: string,
  ): void => {
    target[key] = value;
    choices.push({ setting: `${group}.${key}`, value, reason });
  };
  const n = stats.size;
  const small = n < autoLimits.smallData;

  const p = percentile(stats.lengths, autoLimits.lengthPercentile);
  const maxLength = Math.min(autoLimits.maxLength, Math.max(autoLimits.minLength, Math.ceil(p / 8) * 8));
  choose(
    model,
    'model',
    'maxLength',
    maxLength,
    `95% of training texts have at most ${p} tokens${maxLength === autoLimits.maxLength && p > maxLength ? `; capped at ${autoLimits.maxLength}` : ''}`,
  );

  const batchSize = small ? 32 : 64;
  choose(
    training,
    'training',
    'batchSize',
    batchSize,
    small
      ? `${n.toLocaleString('en')} training texts (under ${autoLimits.smallData.toLocaleString('en')}): smaller batches give more steps`
      : `${n.toLocaleString('en')} training texts`,
  );
  const effectiveBatch = stats.given?.batchSize ?? batchSize;
  const stepsPerEpoch = Math.max(1, Math.ceil(n / effectiveBatch));
  const epochs = Math.min(
    autoLimits.maxEpochs,
    Math.max(autoLimits.minEpochs, Math.ceil(autoLimits.targetSteps / stepsPerEpoch)),
  );
  choose(
    training,
    'training',
    'epochs',
    epochs,
    `${stepsPerEpoch} steps an epoch; aiming at ${autoLimits.targetSteps.toLocaleString('en')} steps (${autoLimits.minEpochs}–${autoLimits.maxEpochs} epochs)${stats.hasValidation ? ', early stopping ends it sooner' : ''}`,
  );
  const effectiveEpochs = stats.given?.epochs ?? epochs;
  const totalSteps = stepsPerEpoch * effectiveEpochs;
  const warmupSteps = Math.min(50, Math.max(1, Math.round(totalSteps * 0.05)));
  choose(training, 'training', 'warmupSteps', warmupSteps, `5% of the ${totalSteps} steps, at most 50`);

  const balance = classBalance(stats.classCounts);
  if (stats.hasValidation) {
    const patience = effectiveEpochs > 6 ? 3 : 2;
    choose(
      training,
      'training',
      'earlyStopping',
      { metric: balance.macro ? 'macro-f1' : 'f1', patience },
      `${balance.macro ? `macro F1 (${balance.reason}), every class counts` : 'F1'}; the best epoch is kept, stop after ${patience} epochs without progress`,
    );
  }
  if (balance.skewed) {
    choose(
      training,
      'training',
      'classWeights',
      'balanced',
      `classes are skewed (largest/smallest ${balance.ratio.toFixed(1)} ≥ ${autoLimits.skew}): each class weighs the same in the loss`,
    );
  }
  if (small) {
    choose(model, 'model', 'dropout', 0.5, `small data (${n.toLocaleString('en')} texts): more dropout`);
    choose(model, 'model', 'embeddingDropout', 0.3, 'small data: more word dropout');
  }
  return { model, training, choices };
}
