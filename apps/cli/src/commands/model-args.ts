import type { ArgsDef } from 'citty';
import { backends } from '../train-options.ts';

/** `--model` and `--backend`, shared by the commands that load a trained model. */
export const modelArgs = {
  model: {
    type: 'string',
    valueHint: 'dir',
    description: 'Folder of a trained model, as written by train (default: models/imdb)',
  },
  backend: { type: 'enum', options: [...backends], description: 'Compute backend (default: auto)' },
} as const satisfies ArgsDef;

/** `--json`: machine-readable output on stdout. */
export const jsonArg = {
  json: { type: 'boolean', description: 'Print the result as JSON on stdout' },
} as const satisfies ArgsDef;
