import { mkdir, writeFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { labelMapFor, loadEvaluationData } from '@sentikit/datasets';
import { classificationReport } from '@sentikit/metrics';
import { evaluateClassifier } from '@sentikit/sentiment';
import { defineCommand } from 'citty';
import { validateOptions } from '../config-file.ts';
import { CliError } from '../errors.ts';
import { type CliIo, writeLine } from '../io.ts';
import { renderReport } from '../report.ts';
import { renderScores } from '../scores-summary.ts';
import { trainCommandOptionsSchema } from '../train-options.ts';
import { requireRows } from './data-summary.ts';
import { loadModelFor, modelDir } from './load-model.ts';
import { jsonArg, modelArgs } from './model-args.ts';
import { prepareDataset } from './prepare-dataset.ts';
import { dataArgs, dataOptionKeys, optionsFromArgs } from './shared-args.ts';

/** `sentikit evaluate`: test metrics, confusion matrix, classification report (and report.html) of a model. */
export function createEvaluateCommand(io: CliIo) {
  return defineCommand({
    meta: {
      name: 'evaluate',
      description: 'Evaluate a trained model on the IMDB test split or your data (report.html with --report)',
    },
    args: {
      ...modelArgs,
      ...dataArgs,
      report: {
        type: 'string',
        valueHint: 'dir',
        description: 'Write report.html (metrics, confusion matrix, data) into this folder',
      },
      ...jsonArg,
    },
    async run({ args }) {
      const options = validateOptions(trainCommandOptionsSchema, {
        values: optionsFromArgs(args, dataOptionKeys),
        origins: {},
      });
      const dataset = await prepareDataset(options, io);
      const model = await loadModelFor(args, io);
      try {
        // Without --label-map the data is read with the model's own class names.
        const data = await loadEvaluationData(dataset, {
          ...options,
          labelMap: options.labelMap ?? labelMapFor(model.labels),
        });
        requireRows(data.part);
        const labels = model.labels;
        if (data.classNames.length !== labels.length) {
          throw new CliError(
            'INVALID_CONFIG',
            `the data has ${data.classNames.length} classes (${data.classNames.join(', ')}); the model has ${labels.length} (${labels.join(', ')})`,
          );
        }
        const y = data.records.map((r) => r.label);
        const m = await evaluateClassifier(model, { texts: data.records.map((r) => r.text), labels: y });
        const report = classificationReport(y, m.predictions, { targetNames: [...labels], digits: 4 });
        const head = {
          accuracy: m.accuracy,
          precision: m.precision,
          recall: m.recall,
          f1: m.f1,
          loss: m.loss,
          macro: m.macro,
          weighted: m.weighted,
        };
        const confusionMatrix = m.summary.confusionMatrix;
        if (args.json) {
          writeLine(
            io.stdout,
            JSON.stringify(
              { ...head, labels, perClass: m.perClass, confusionMatrix, rows: y.length },
              null,
              2,
            ),
          );
        } else {
          writeLine(io.stdout, `${y.length.toLocaleString('en')} texts from ${data.part.source.path}`);
          writeLine(io.stdout, renderScores({ ...head, confusionMatrix }, labels));
          writeLine(io.stdout, report);
        }
        if (args.report) {
          const dir = isAbsolute(args.report) ? args.report : join(io.cwd, args.report);
          await mkdir(dir, { recursive: true });
          const input = {
            title: `${model.info.name}: evaluation`,
            created: new Date().toISOString(),
            history: [],
            data: {
              source: data.part.source.path,
              rows: { evaluated: y.length },
              ...(data.part.summary.skipped ? { skipped: data.part.summary.skipped } : {}),
            },
            test: { ...head, confusionMatrix, labels: [...labels] },
            config: { model: modelDir(args.model, io), data: data.part.source.path, ...model.info },
            classificationReport: report,
          };
          await writeFile(join(dir, 'report.html'), renderReport(input));
          writeLine(io.stdout, `report: ${join(dir, 'report.html')}`);
        }
      } finally {
        model.dispose();
      }
    },
  });
}
