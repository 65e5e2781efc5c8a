import { defineCommand } from 'citty';
import { CliError } from '../errors.ts';
import type { CliIo } from '../io.ts';
import { jsonArg, modelArgs } from './model-args.ts';

/** `sentikit info`: what a saved model is (config, vocabulary, metrics) and which backend would run it. */
export function createInfoCommand(_io: CliIo) {
  return defineCommand({
    meta: { name: 'info', description: 'Show a trained model: configuration, vocabulary, metrics, backend' },
    args: { model: modelArgs.model, ...jsonArg },
    run() {
      throw new CliError(
        'NOT_IMPLEMENTED',
        'info is not wired yet: it needs the model package (@sentikit/bilstm)',
      );
    },
  });
}
