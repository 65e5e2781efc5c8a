import { loadTrainingData } from '@sentikit/datasets';
import { defineCommand } from 'citty';
import { type CliIo, writeLine } from '../io.ts';
import { checkEmbeddingsFile } from './check-embeddings.ts';
import { printDataSummary, requireRows } from './data-summary.ts';
import { prepareDataset } from './prepare-dataset.ts';
import { resolveFamily } from './resolve-family.ts';
import { runEnsembleTraining, runNbSvmTraining } from './run-nbsvm-training.ts';
import { runTraining } from './run-training.ts';
import { trainArgs, trainOptionsFromArgs } from './train-args.ts';

/** `sentikit train`: train a sentiment model (BiLSTM, NB-SVM or their ensemble) on IMDB or your own data. */
export function createTrainCommand(io: CliIo) {
  return defineCommand({
    meta: {
      name: 'train',
      description:
        'Train a sentiment model (--family auto, bilstm, nbsvm or ensemble) on IMDB (default) or your own labelled texts',
    },
    args: trainArgs,
    async run({ args }) {
      const options = await trainOptionsFromArgs(args, io);
      if (options.embeddings) await checkEmbeddingsFile(options.embeddings);
      const dataset = await prepareDataset(options, io);
      const data = await loadTrainingData(dataset, { ...options, inferLabels: true });
      requireRows(data.parts.train);
      if (data.parts.validation) requireRows(data.parts.validation);
      if (data.parts.test) requireRows(data.parts.test);
      printDataSummary(io.stderr, dataset, data);
      writeLine(io.stderr, `model: ${options.name} -> ${options.outDir}`);
      const family = resolveFamily(
        options,
        { trainSize: data.train.length, hasValidation: data.val.length > 0 },
        io,
      );
      const resolved = { ...options, family };
      if (family === 'nbsvm') await runNbSvmTraining(resolved, data, io);
      else if (family === 'ensemble') await runEnsembleTraining(resolved, data, io);
      else await runTraining(resolved, data, io);
    },
  });
}
