import type { ArgsDef } from 'citty';
import { backends } from '../train-options.ts';

/** `--verbose`: the backend details (why faster backends were not used). */
export const verboseArg = {
  verbose: { type: 'boolean', description: 'Say why faster compute backends were not used' },
} as const satisfies ArgsDef;

/** `--model`, `--backend` and `--verbose`, shared by the commands that load a trained model. */
export const modelArgs = {
  model: {
    type: 'string',
    valueHint: 'dir',
    description: 'Folder of a trained model, as written by train (default: the bundled models/imdb-bilstm)',
  },
  backend: { type: 'enum', options: [...backends], description: 'Compute backend (default: auto)' },
  ...verboseArg,
} as const satisfies ArgsDef;

/** `--json`: machine-readable output on stdout. */
export const jsonArg = {
  json: { type: 'boolean', description: 'Print the result as JSON on stdout' },
} as const satisfies ArgsDef;
