import { resolve } from 'node:path';
import { MODEL_FAMILIES } from '@sentikit/sentiment';
import type { ArgsDef } from 'citty';
import { type ConfigFile, loadConfigFile, mergeOptions, validateOptions } from '../config-file.ts';
import type { CliIo } from '../io.ts';
import {
  backends,
  presets,
  type TrainCommandOptions,
  trainCommandOptionsSchema,
  trainPathKeys,
} from '../train-options.ts';
import { verboseArg } from './model-args.ts';
import { configArg, dataArgs, dataOptionKeys, optionsFromArgs } from './shared-args.ts';

/** The `train` flags: one per field of the train options schema (kebab-case), plus `--config`. */
export const trainArgs = {
  ...dataArgs,
  embeddings: {
    type: 'string',
    valueHint: 'file',
    description: 'Pretrained word vectors to start from (GloVe text format, gzipped or not)',
  },
  family: {
    type: 'enum',
    options: ['auto', ...MODEL_FAMILIES],
    description:
      'Model family: bilstm, nbsvm (n-gram NB-SVM, seconds to train), ensemble of both, or auto: ensemble under 10,000 training texts, else bilstm (default: auto)',
  },
  'class-weights': {
    type: 'enum',
    options: ['auto', 'balanced', 'none'],
    description:
      'Weigh every class the same: auto (when the classes are skewed), balanced (always) or none (default: auto)',
  },
  preset: { type: 'enum', options: [...presets], description: 'Hyper-parameter preset (default: default)' },
  epochs: { type: 'string', valueHint: 'n', description: 'Training epochs (default: from the preset)' },
  'batch-size': {
    type: 'string',
    valueHint: 'n',
    description: 'Examples per batch (default: from the preset)',
  },
  'learning-rate': {
    type: 'string',
    valueHint: 'x',
    description: 'Adam learning rate (default: from the preset)',
  },
  'max-length': {
    type: 'string',
    valueHint: 'n',
    description: 'Tokens kept per text (default: from the preset)',
  },
  'val-fraction': {
    type: 'string',
    valueHint: 'x',
    description: 'Share of each class held out for validation, in [0, 1) (default: 0.1)',
  },
  seed: { type: 'string', valueHint: 'n', description: 'Seed of the split, init and shuffles (default: 42)' },
  name: {
    type: 'string',
    valueHint: 'name',
    description: 'Model name (default: the data file name, or imdb)',
  },
  'out-dir': { type: 'string', valueHint: 'dir', description: 'Output folder (default: models/<name>)' },
  resume: {
    type: 'boolean',
    description: 'Continue from <out-dir>.checkpoint (refused when it is from other data or options)',
  },
  'keep-checkpoint': {
    type: 'boolean',
    description: 'Keep <out-dir>.checkpoint after a successful run (removed by default)',
  },
  backend: { type: 'enum', options: [...backends], description: 'Compute backend (default: auto)' },
  ...verboseArg,
  ...configArg,
} as const satisfies ArgsDef;

/** The schema's option keys, in the order of the flags. */
export const trainOptionKeys = [
  ...dataOptionKeys,
  'embeddings',
  'family',
  'classWeights',
  'preset',
  'epochs',
  'batchSize',
  'learningRate',
  'maxLength',
  'valFraction',
  'seed',
  'name',
  'outDir',
  'resume',
  'keepCheckpoint',
  'backend',
  'verbose',
] as const;

/**
 * The validated `train` options: the `--config` file (if any) merged under the command-line flags, checked by
 * the train options schema. Paths come back absolute (`outDir` too, default `<cwd>/models/<name>`).
 * @throws CliError `INVALID_CONFIG` listing every bad field, or when the config file cannot be read
 */
export async function trainOptionsFromArgs(
  args: Record<string, unknown>,
  io: CliIo,
): Promise<TrainCommandOptions> {
  const configPath = args['config'];
  const file: ConfigFile | undefined =
    typeof configPath === 'string' ? await loadConfigFile(configPath, io.cwd) : undefined;
  const merged = mergeOptions(optionsFromArgs(args, trainOptionKeys), file, {
    pathKeys: trainPathKeys,
    cwd: io.cwd,
  });
  const options = validateOptions(trainCommandOptionsSchema, merged);
  return { ...options, outDir: resolve(io.cwd, options.outDir) };
}
