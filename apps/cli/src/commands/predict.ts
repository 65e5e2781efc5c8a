import { defineCommand } from 'citty';
import { CliError } from '../errors.ts';
import type { CliIo } from '../io.ts';
import { jsonArg, modelArgs } from './model-args.ts';

/** `sentikit predict`: classify texts given as arguments, in a file, or on stdin. */
export function createPredictCommand(_io: CliIo) {
  return defineCommand({
    meta: { name: 'predict', description: 'Classify texts with a trained model' },
    args: {
      text: { type: 'positional', required: false, description: 'Text to classify (more may follow)' },
      ...modelArgs,
      file: {
        type: 'string',
        valueHint: 'path',
        description: 'Classify each line of this file (- for stdin)',
      },
      ...jsonArg,
    },
    run() {
      throw new CliError(
        'NOT_IMPLEMENTED',
        'predict is not wired yet: it needs the model package (@sentikit/bilstm)',
      );
    },
  });
}
