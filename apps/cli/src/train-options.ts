import { basename, join } from 'node:path';
import { backendNameSchema } from '@sentikit/bilstm';
import { dataFormats, parseLabelMap } from '@sentikit/datasets';
import { MODEL_FAMILIES, presets as modelPresets, type PresetName } from '@sentikit/sentiment';
import { z } from 'zod';

/** Compute backends the model package can run on (`@sentikit/bilstm`'s list); `auto` picks the fastest. */
export const backends = backendNameSchema.options;

/** Training presets (`@sentikit/sentiment`'s): explicit options override them. */
export const presets = Object.keys(modelPresets) as [PresetName, ...PresetName[]];

/** Numbers on the command line arrive as strings: turn numeric strings into numbers before validating. */
const numeric = (value: unknown) =>
  typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value;

const positiveInt = () => {
  const error = 'must be a positive integer';
  return z.preprocess(numeric, z.number({ error }).int({ error }).positive({ error }));
};

const positiveNumber = () => {
  const error = 'must be a positive number';
  return z.preprocess(numeric, z.number({ error }).positive({ error }).finite({ error }));
};

const labelMap = z.union([z.string(), z.record(z.string(), z.unknown())]).transform((value, ctx) => {
  try {
    return parseLabelMap(value);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message.replace(/^label map: /, '') });
    return z.NEVER;
  }
});

/** The `train` command's options, from the command line and/or a JSON config file (camelCase keys). */
export const trainCommandOptionsSchema = z
  .strictObject({
    /** Dataset: a .jsonl/.csv/.tsv file, an aclImdb folder, or a folder with train/test files. @default SENTIKIT_DATA, else IMDB */
    data: z.string().min(1).optional(),
    /** Data format, when the path does not tell. @default told from the path */
    format: z.enum(dataFormats).optional(),
    /** JSONL field or CSV/TSV column holding the text. @default 'text' */
    textColumn: z.string().min(1).default('text'),
    /** JSONL field or CSV/TSV column holding the label. @default 'label' */
    labelColumn: z.string().min(1).default('label'),
    /** Label names to class indices: `bad=0,good=1` or `{"bad":0,"good":1}`. @default train: the data's own labels (0/1, neg/pos, negative/positive as negative/positive, else the distinct values sorted); evaluate: the model's labels */
    labelMap: labelMap.optional(),
    /** Fail on the first bad row instead of skipping bad rows. @default false */
    strict: z.boolean().default(false),
    /** Download the IMDB archive into the cache when it is not there. @default false */
    download: z.boolean().default(false),
    /** Pretrained word vectors (a GloVe-style text file, gzipped or not) to start the embeddings from. @default none (random init) */
    embeddings: z.string().min(1).optional(),
    /**
     * Model family: the BiLSTM, NB-SVM over n-grams, both as an ensemble, or `auto`: the ensemble below 10,000
     * training texts (with validation data), else the BiLSTM (`autoFamily` in `@sentikit/sentiment`). @default 'auto'
     */
    family: z.enum(['auto', ...MODEL_FAMILIES]).default('auto'),
    /**
     * How the classes weigh: `auto` balances them when the training classes are skewed (largest/smallest ≥ 1.5;
     * the BiLSTM's loss and the NB-SVM's probabilities), `balanced` always, `none` never. @default 'auto'
     */
    classWeights: z.enum(['auto', 'balanced', 'none']).default('auto'),
    /** Hyper-parameter preset; the options below override it. @default 'default' */
    preset: z.enum(presets).default('default'),
    /** Training epochs. @default the preset's */
    epochs: positiveInt().optional(),
    /** Examples per batch. @default the preset's */
    batchSize: positiveInt().optional(),
    /** Adam learning rate. @default the preset's */
    learningRate: positiveNumber().optional(),
    /** Tokens kept per text (longer texts are cut). @default the preset's */
    maxLength: positiveInt().optional(),
    /** Share of each class held out for validation, in [0, 1). @default 0.1 */
    valFraction: z
      .preprocess(
        numeric,
        z.number({ error: 'must be a number' }).min(0, 'must be at least 0').lt(1, 'must be below 1'),
      )
      .default(0.1),
    /** Seed of the split, the weight init and the shuffles. @default 42 */
    seed: z
      .preprocess(numeric, z.number({ error: 'must be an integer' }).int({ error: 'must be an integer' }))
      .default(42),
    /** Model name, used for the default output folder. @default the data file's name, or 'imdb' */
    name: z
      .string()
      .regex(/^[\w.-]+$/, 'must be letters, digits, ".", "_" or "-"')
      .optional(),
    /** Where the model, metrics and report go. @default 'models/<name>' */
    outDir: z.string().min(1).optional(),
    /** Continue from the checkpoint in the output folder. @default false */
    resume: z.boolean().default(false),
    /** Compute backend. @default 'auto' */
    backend: z.enum(backends).default('auto'),
    /** Keep the `<outDir>.checkpoint` folder after a successful run (it is removed by default). @default false */
    keepCheckpoint: z.boolean().default(false),
    /** Say why faster compute backends were not used. @default false */
    verbose: z.boolean().default(false),
  })
  .transform((options) => {
    const name =
      options.name ??
      (options.data
        ? basename(options.data).replace(/(\.(jsonl|ndjson|csv|tsv))?(\.gz)?$/i, '') || 'data'
        : 'imdb');
    return { ...options, name, outDir: options.outDir ?? join('models', name) };
  });

/** Validated `train` options; `name` and `outDir` are always set. */
export type TrainCommandOptions = z.output<typeof trainCommandOptionsSchema>;

/** What a `train` config file may hold (all optional). */
export type TrainCommandOptionsInput = z.input<typeof trainCommandOptionsSchema>;

/** Option keys holding paths: relative ones in a config file are taken from the file's folder. */
export const trainPathKeys = ['data', 'embeddings', 'outDir'] as const;
