import { defineCommand } from 'citty';
import { CliError } from '../errors.ts';
import type { CliIo } from '../io.ts';
import { jsonArg, modelArgs } from './model-args.ts';
import { dataArgs } from './shared-args.ts';

/** `sentikit evaluate`: test metrics, confusion matrix and report of a trained model. */
export function createEvaluateCommand(_io: CliIo) {
  return defineCommand({
    meta: {
      name: 'evaluate',
      description: 'Evaluate a trained model on the IMDB test split or your data; writes report.html',
    },
    args: {
      ...modelArgs,
      ...dataArgs,
      report: {
        type: 'string',
        valueHint: 'dir',
        description: 'Where to write report.html and curves.svg (default: the model folder)',
      },
      ...jsonArg,
    },
    run() {
      throw new CliError(
        'NOT_IMPLEMENTED',
        'evaluate is not wired yet: it needs the model package (@sentikit/bilstm)',
      );
    },
  });
}
