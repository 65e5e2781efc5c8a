import { classCounts, loadTrainingData } from '@sentikit/datasets';
import { defineCommand } from 'citty';
import { validateOptions } from '../config-file.ts';
import { type CliIo, writeLine } from '../io.ts';
import { trainCommandOptionsSchema } from '../train-options.ts';
import { printDataSummary } from './data-summary.ts';
import { prepareDataset } from './prepare-dataset.ts';
import { dataArgs, dataOptionKeys, optionsFromArgs } from './shared-args.ts';

const keys = [...dataOptionKeys, 'valFraction', 'seed'];

/** `sentikit data`: find, read and check a dataset the way `train` would, and print what it holds. */
export function createDataCommand(io: CliIo) {
  return defineCommand({
    meta: {
      name: 'data',
      description:
        'Check a dataset as train would read it: rows per split and class, bad rows (with --download, fetch IMDB)',
    },
    args: {
      ...dataArgs,
      'val-fraction': {
        type: 'string',
        valueHint: 'x',
        description: 'Validation share, in [0, 1) (default: 0.1)',
      },
      seed: { type: 'string', valueHint: 'n', description: 'Seed of the split (default: 42)' },
      json: { type: 'boolean', description: 'Print the summary as JSON on stdout' },
    },
    async run({ args }) {
      const options = validateOptions(trainCommandOptionsSchema, {
        values: optionsFromArgs(args, keys),
        origins: {},
      });
      const dataset = await prepareDataset(options, io);
      const data = await loadTrainingData(dataset, { ...options, inferLabels: true });
      if (!args.json) {
        printDataSummary(io.stdout, dataset, data);
        return;
      }
      const split = (records: readonly { label: number }[] | undefined) =>
        records && {
          rows: records.length,
          perClass: Object.fromEntries(
            classCounts(records, data.classNames.length).map((n, i) => [data.classNames[i], n]),
          ),
        };
      const summary = {
        dataset: dataset.name,
        kind: dataset.kind,
        classNames: data.classNames,
        train: split(data.train),
        val: split(data.val),
        test: split(data.test),
        read: {
          train: data.parts.train.summary,
          validation: data.parts.validation?.summary,
          test: data.parts.test?.summary,
        },
      };
      writeLine(io.stdout, JSON.stringify(summary, null, 2));
    },
  });
}
