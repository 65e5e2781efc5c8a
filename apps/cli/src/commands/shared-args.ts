import { dataFormats } from '@sentikit/datasets';
import type { ArgsDef } from 'citty';

/**
 * The data flags shared by `train`, `evaluate` and `data`. No citty defaults: a flag left out must not override
 * the config file, so defaults live in the options schema and are only named in the descriptions.
 */
export const dataArgs = {
  data: {
    type: 'string',
    valueHint: 'path',
    description:
      'A .jsonl(.gz)/.ndjson, .csv or .tsv file, an aclImdb folder, or a folder with train/test files (default: SENTIKIT_DATA, else IMDB)',
  },
  format: {
    type: 'enum',
    options: [...dataFormats],
    description: 'Data format when the path does not tell',
  },
  'text-column': {
    type: 'string',
    valueHint: 'name',
    description: 'JSONL field or CSV/TSV column with the text (default: text)',
  },
  'label-column': {
    type: 'string',
    valueHint: 'name',
    description: 'JSONL field or CSV/TSV column with the label (default: label)',
  },
  'label-map': {
    type: 'string',
    valueHint: 'map',
    description:
      'Label names to classes, e.g. bad=0,good=1 or {"bad":0,"good":1} (default: the labels in the data, sorted; evaluate: the model labels)',
  },
  strict: {
    type: 'boolean',
    description: 'Fail on the first bad row instead of skipping bad rows',
  },
  download: {
    type: 'boolean',
    description: 'Download the IMDB archive (aclImdb v1, 84 MB) into the cache if it is not there',
  },
} as const satisfies ArgsDef;

/** The option keys the data flags set, in the order of the flags (train, evaluate and data share them). */
export const dataOptionKeys = [
  'data',
  'format',
  'textColumn',
  'labelColumn',
  'labelMap',
  'strict',
  'download',
] as const;

/** `--config`: a JSON file of options (camelCase keys); command-line flags win over it. */
export const configArg = {
  config: {
    type: 'string',
    valueHint: 'file.json',
    description: 'JSON file of options (camelCase keys, e.g. {"epochs": 3}); flags on the command line win',
  },
} as const satisfies ArgsDef;

/** Kebab-case flag name of a camelCase option key. */
export function flagName(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** The options given on the command line, as camelCase keys (flags left out are absent). */
export function optionsFromArgs(
  args: Record<string, unknown>,
  keys: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const value = args[flagName(key)];
    if (value !== undefined) out[key] = value;
  }
  return out;
}
