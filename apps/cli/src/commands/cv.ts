import { join } from 'node:path';
import { selectBackend } from '@sentikit/bilstm';
import { crossValidate, type FoldScores, loadTrainingData } from '@sentikit/datasets';
import { predictClasses } from '@sentikit/metrics';
import {
  ensembleFoldTrainer,
  type ModelFamily,
  saveClassifier,
  saveSentimentModel,
  sentimentFoldTrainer,
  trainNbSvmClassifier,
} from '@sentikit/sentiment';
import { defineCommand } from 'citty';
import { CliError } from '../errors.ts';
import { type CliIo, writeLine } from '../io.ts';
import { describeBackend } from './backend-line.ts';
import { jsonArg } from './model-args.ts';
import { pipelineSettings } from './pipeline-settings.ts';
import { prepareDataset } from './prepare-dataset.ts';
import { resolveFamily } from './resolve-family.ts';
import { validationChoice } from './run-nbsvm-training.ts';
import { trainArgs, trainOptionsFromArgs } from './train-args.ts';

const scoreNames: Record<keyof FoldScores, string> = {
  accuracy: 'accuracy',
  macroPrecision: 'macro precision',
  macroRecall: 'macro recall',
  macroF1: 'macro F1',
  weightedF1: 'weighted F1',
};

const { 'out-dir': _o, resume: _r, 'val-fraction': _v, ...cvTrainArgs } = trainArgs;

/**
 * `sentikit cv`: stratified k-fold cross-validation of the model with the `train` settings; prints each fold
 * and the mean ± standard deviation of every score. On a dataset with a test split only the train split is used.
 */
export function createCvCommand(io: CliIo) {
  return defineCommand({
    meta: {
      name: 'cv',
      description: 'Cross-validate the model on your data: stratified k folds, mean ± std of each score',
    },
    args: {
      ...cvTrainArgs,
      folds: { type: 'string', valueHint: 'k', description: 'Number of folds (default: 10)' },
      'keep-models': {
        type: 'string',
        valueHint: 'dir',
        description: 'Save each fold model in dir/fold-<i> (default: not kept)',
      },
      ...jsonArg,
    },
    async run({ args }) {
      const folds = args.folds === undefined ? 10 : Number(args.folds);
      if (!Number.isInteger(folds) || folds < 2) {
        throw new CliError('INVALID_CONFIG', `--folds: must be an integer of at least 2, got ${args.folds}`);
      }
      const options = await trainOptionsFromArgs(args, io);
      const dataset = await prepareDataset(options, io);
      const data = await loadTrainingData(dataset, { ...options, inferLabels: true, valFraction: 0 });
      const rows = data.train;
      if (rows.length < folds) {
        throw new CliError('INVALID_CONFIG', `--folds ${folds} is more than the ${rows.length} rows`);
      }
      const backend = await selectBackend(options.backend);
      writeLine(io.stderr, describeBackend(backend));
      writeLine(
        io.stderr,
        `${folds}-fold cross-validation${options.family === 'auto' ? '' : ` (${options.family})`} of ${rows.length.toLocaleString('en')} texts (${data.classNames.join(', ')}), seed ${options.seed}`,
      );
      const keep = typeof args['keep-models'] === 'string' ? args['keep-models'] : undefined;
      let fold = 0;
      let family: ModelFamily | undefined;
      // Fold runs report their choices once (fold 0) and their warnings always.
      const foldLogger = {
        info: (m: string) => (fold === 0 ? writeLine(io.stderr, m) : undefined),
        warn: (m: string) => writeLine(io.stderr, `warning (fold ${fold}): ${m}`),
      };
      const result = await crossValidate(
        { texts: rows.map((r) => r.text), labels: rows.map((r) => r.label) },
        {
          labels: data.classNames,
          folds,
          seed: options.seed,
          keepModels: false,
          train: async (split) => {
            fold = split.fold;
            family ??= resolveFamily(
              options,
              { trainSize: split.train.texts.length, hasValidation: split.validation !== undefined },
              io,
            );
            if (family === 'ensemble') {
              const choice = validationChoice(
                split.train.labels,
                data.classNames.length,
                options.classWeights,
              );
              const trained = await ensembleFoldTrainer({
                labels: data.classNames,
                ...pipelineSettings(options, io, data.classNames.length),
                select: choice.select,
                nbsvm: { classWeights: choice.classWeights },
                name: `${options.name}-fold-${split.fold}`,
                logger: foldLogger,
              })(split);
              if (keep) await saveClassifier(trained.ensemble, join(keep, `fold-${split.fold}`));
              return trained;
            }
            if (family === 'nbsvm') {
              const { select, classWeights } = validationChoice(
                split.train.labels,
                data.classNames.length,
                options.classWeights,
              );
              const { classifier } = await trainNbSvmClassifier({
                train: split.train,
                ...(split.validation ? { validation: split.validation } : {}),
                labels: data.classNames,
                nbsvm: { seed: split.seed, classWeights },
                select,
                name: `${options.name}-fold-${split.fold}`,
              });
              if (keep) await saveClassifier(classifier, join(keep, `fold-${split.fold}`));
              return {
                predict: async (texts) =>
                  predictClasses(await classifier.predictProbabilities(texts), texts.length),
                dispose: () => classifier.dispose(),
              };
            }
            const trained = await sentimentFoldTrainer({
              labels: data.classNames,
              ...pipelineSettings(options, io, data.classNames.length),
              name: `${options.name}-fold-${split.fold}`,
              logger: foldLogger,
            })(split);
            if (keep) await saveSentimentModel(trained.model, join(keep, `fold-${split.fold}`));
            return trained;
          },
          onFold: (r) =>
            writeLine(
              io.stderr,
              `fold ${r.fold + 1}/${folds}: ${(Object.keys(scoreNames) as (keyof FoldScores)[])
                .map((k) => `${scoreNames[k]} ${r.scores[k].toFixed(4)}`)
                .join(', ')} (${r.seconds.toFixed(0)} s)`,
            ),
        },
      );
      if (args.json) {
        writeLine(
          io.stdout,
          JSON.stringify(
            {
              k: folds,
              family,
              seed: options.seed,
              rows: rows.length,
              labels: data.classNames,
              summary: result.summary,
              folds: result.folds,
            },
            null,
            2,
          ),
        );
      } else {
        for (const [k, name] of Object.entries(scoreNames) as [keyof FoldScores, string][]) {
          const s = result.summary[k];
          writeLine(io.stdout, `${name.padEnd(16)} ${s.mean.toFixed(4)} ± ${s.std.toFixed(4)}`);
        }
        if (keep) writeLine(io.stdout, `fold models: ${keep}/fold-<i>`);
      }
    },
  });
}
