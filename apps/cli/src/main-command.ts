import { readFileSync } from 'node:fs';
import { defineCommand } from 'citty';
import { createCvCommand } from './commands/cv.ts';
import { createDataCommand } from './commands/data.ts';
import { createEvaluateCommand } from './commands/evaluate.ts';
import { createInfoCommand } from './commands/info.ts';
import { createPredictCommand } from './commands/predict.ts';
import { createTrainCommand } from './commands/train.ts';
import type { CliIo } from './io.ts';

/** The package version, from package.json. */
export const version: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** The `sentikit` command with its subcommands, writing through `io`. */
export function createMainCommand(io: CliIo) {
  return defineCommand({
    meta: {
      name: 'sentikit',
      version,
      description:
        'Sentiment analysis in the terminal: train, cross-validate, evaluate and run a BiLSTM sentiment model',
    },
    subCommands: {
      train: createTrainCommand(io),
      evaluate: createEvaluateCommand(io),
      predict: createPredictCommand(io),
      info: createInfoCommand(io),
      data: createDataCommand(io),
      cv: createCvCommand(io),
    },
  });
}
