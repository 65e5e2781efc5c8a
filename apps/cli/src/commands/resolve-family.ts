import { autoFamily, type ModelFamily } from '@sentikit/sentiment';
import { type CliIo, writeLine } from '../io.ts';
import type { TrainCommandOptions } from '../train-options.ts';

/**
 * The family to train: the one given, or for `auto` the one `autoFamily` picks for the training split, printed
 * in one line with its reason.
 */
export function resolveFamily(
  options: Pick<TrainCommandOptions, 'family' | 'preset'>,
  split: { trainSize: number; hasValidation: boolean },
  io: CliIo,
): ModelFamily {
  if (options.family !== 'auto') return options.family;
  const chosen = autoFamily({ ...split, preset: options.preset });
  writeLine(io.stderr, `family: ${chosen.family} (${chosen.reason}; --family picks another)`);
  return chosen.family;
}
