import type { Dataset } from './dataset.ts';
import type { EvaluationMetrics } from './evaluate.ts';

/** Fewest training texts of a class before a warning. */
const FEW_PER_CLASS = 20;
/** Fewest validation texts (and per class) before a warning. */
const TINY_VALIDATION = 100;
const TINY_VALIDATION_PER_CLASS = 10;

/** What {@link guardRailsBefore} checks. */
export interface RunPlan {
  classCounts: readonly number[];
  labels: readonly string[];
  trainSize: number;
  validation: Dataset | undefined;
  batchSize: number;
  epochs: number;
  warmupSteps: number;
}

/** Warnings about the data and settings of a run before it starts, each saying what to change. */
export function guardRailsBefore(plan: RunPlan): string[] {
  const warnings: string[] = [];
  plan.classCounts.forEach((count, c) => {
    if (count < FEW_PER_CLASS) {
      warnings.push(
        `class "${plan.labels[c]}" has only ${count} training texts: the model can hardly learn it; add examples or merge it with another class (--label-map)`,
      );
    }
  });
  if (!plan.validation) {
    warnings.push(
      'no validation set: nothing picks the best epoch or stops early, and nothing tells a useless model apart; hold some out (--val-fraction 0.1)',
    );
  } else {
    const counts = plan.labels.map(() => 0);
    for (let i = 0; i < plan.validation.labels.length; i++) {
      const c = plan.validation.labels[i] as number;
      counts[c] = (counts[c] ?? 0) + 1;
    }
    const n = plan.validation.texts.length;
    const least = Math.min(...counts);
    if (n < TINY_VALIDATION || least < TINY_VALIDATION_PER_CLASS) {
      warnings.push(
        `the validation set is tiny (${n} texts, ${least} in its smallest class): its scores swing by chance; raise --val-fraction, or judge the settings with cross-validation (sentikit cv)`,
      );
    }
  }
  const totalSteps = Math.ceil(plan.trainSize / plan.batchSize) * plan.epochs;
  if (plan.warmupSteps >= totalSteps) {
    warnings.push(
      `the warm-up (${plan.warmupSteps} steps) is as long as the whole run (${totalSteps} steps): the learning rate never reaches its peak; raise --epochs or lower the warm-up`,
    );
  }
  return warnings;
}

/** Warnings about the kept model's validation scores: one class only, or no better than the majority class. */
export function guardRailsAfter(
  val: EvaluationMetrics,
  validation: Dataset,
  labels: readonly string[],
): string[] {
  const warnings: string[] = [];
  const predicted = new Set(val.predictions);
  const counts = labels.map(() => 0);
  for (let i = 0; i < validation.labels.length; i++) {
    const c = validation.labels[i] as number;
    counts[c] = (counts[c] ?? 0) + 1;
  }
  const majority = Math.max(...counts) / validation.texts.length;
  const top = labels[counts.indexOf(Math.max(...counts))];
  if (predicted.size === 1) {
    warnings.push(
      `the model predicts one class only on validation ("${labels[val.predictions[0] as number]}"): it learned nothing useful; train longer (--epochs), raise the learning rate, check the labels, or add data`,
    );
  } else if (val.accuracy <= majority + 0.01) {
    warnings.push(
      `validation accuracy ${val.accuracy.toFixed(4)} is no better than always answering "${top}" (${majority.toFixed(4)}): train longer (--epochs), check the labels, or add data`,
    );
  }
  return warnings;
}

/**
 * A warning when a run with fewer epochs than the data suggested kept its last epoch (validation was still
 * improving), else undefined.
 */
export function stillImproving(
  run: { history: readonly unknown[]; bestEpoch: number; stoppedEarly: boolean },
  suggestedEpochs: number | undefined,
): string | undefined {
  const ran = run.history.length;
  if (suggestedEpochs === undefined || ran >= suggestedEpochs || run.bestEpoch !== ran || run.stoppedEarly)
    return undefined;
  return `validation was still improving at the last epoch (${ran}); the data suggested ${suggestedEpochs} epochs: raise --epochs (or leave it out)`;
}
