import { autoLimits } from './auto-settings.ts';
import type { PresetName } from './config.ts';

/** What {@link autoFamily} looks at. */
export interface AutoFamilyInput {
  /** Training texts (validation excluded). */
  trainSize: number;
  /** Whether a validation set is held out (an ensemble chooses its weights on it). */
  hasValidation: boolean;
  /** The BiLSTM preset asked for; `seed` reproduces the tutorial, so it keeps the BiLSTM alone. @default 'default' */
  preset?: PresetName;
}

/** The family {@link autoFamily} chose, with the reason in one line. */
export interface AutoFamily {
  family: 'bilstm' | 'ensemble';
  reason: string;
}

/**
 * The model family for a data set when the user names none: below `autoLimits.smallData` training texts, with a
 * validation set, the ensemble of a BiLSTM and an NB-SVM (n-gram models hold up on small and short-text data
 * where the BiLSTM alone falls behind; the weights are chosen on validation, so a weak member gets little
 * weight); otherwise the BiLSTM. `--preset seed` always keeps the BiLSTM.
 * @example
 * autoFamily({ trainSize: 3054, hasValidation: true }).family; // 'ensemble'
 */
export function autoFamily(input: AutoFamilyInput): AutoFamily {
  const n = input.trainSize.toLocaleString('en');
  const limit = autoLimits.smallData.toLocaleString('en');
  if (input.preset === 'seed') return { family: 'bilstm', reason: 'the seed preset is the BiLSTM tutorial' };
  if (input.trainSize >= autoLimits.smallData)
    return { family: 'bilstm', reason: `${n} training texts (${limit} or more)` };
  if (!input.hasValidation)
    return {
      family: 'bilstm',
      reason: `${n} training texts, but no validation set to weigh an ensemble on (--val-fraction is 0)`,
    };
  return {
    family: 'ensemble',
    reason: `${n} training texts (under ${limit}): a BiLSTM and an NB-SVM, weights chosen on validation`,
  };
}
