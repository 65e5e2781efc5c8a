import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { selectBackend } from '@sentikit/bilstm';
import type { TrainingData } from '@sentikit/datasets';
import { type EpochRecord, saveSentimentModel, trainSentimentModel } from '@sentikit/sentiment';
import { renderCurvesSvg } from '../curves-svg.ts';
import { renderEpochTable } from '../epoch-table.ts';
import { CliError } from '../errors.ts';
import { type CliIo, writeLine } from '../io.ts';
import { createProgressRenderer } from '../progress.ts';
import { renderReport } from '../report.ts';
import type { EpochMetrics } from '../report-schema.ts';
import type { TrainCommandOptions } from '../train-options.ts';
import { describeBackend } from './backend-line.ts';
import { renderModelCard } from './model-card.ts';
import { pipelineSettings } from './pipeline-settings.ts';
import { reportTestResults } from './test-results.ts';

const toEpochMetrics = (r: EpochRecord): EpochMetrics => ({
  epoch: r.epoch,
  trainLoss: r.trainLoss,
  valLoss: r.val?.loss ?? Number.NaN,
  valAccuracy: r.val?.accuracy ?? Number.NaN,
  valPrecision: r.val?.precision ?? Number.NaN,
  valRecall: r.val?.recall ?? Number.NaN,
  valF1: r.val?.f1 ?? Number.NaN,
  seconds: r.seconds,
});

/** Where the checkpoint of a run writing `outDir` lives (beside it: saving replaces `outDir` whole). */
export const checkpointDirFor = (outDir: string): string => `${outDir}.checkpoint`;

/**
 * The `train` command's work once the data is loaded: tokenizer, embeddings, model, training with progress,
 * test evaluation, report, artifact. SIGINT (Ctrl-C) or SIGTERM stops after the current batch, leaves a
 * checkpoint that `--resume` continues from, and throws CliError `INTERRUPTED_SIGINT` / `INTERRUPTED_SIGTERM`.
 * @param member set when the BiLSTM is an ensemble's member: it keeps the run's checkpoint folder, and its own
 *   folder (removed once the ensemble is saved) is not offered as the result
 */
export async function runTraining(
  options: TrainCommandOptions,
  data: TrainingData,
  io: CliIo,
  member?: { checkpointDir: string },
): Promise<void> {
  const checkpointDir = member?.checkpointDir ?? checkpointDirFor(options.outDir);
  const backend = await selectBackend(options.backend);
  const controller = new AbortController();
  let stoppedBy: 'SIGINT' | 'SIGTERM' | undefined;
  // `on`, not `once`: a launcher may forward the terminal's Ctrl-C a second time, which must not kill the save.
  const onSignal = (signal: 'SIGINT' | 'SIGTERM') => {
    if (stoppedBy) return;
    stoppedBy = signal;
    writeLine(io.stderr, `\n${signal}: finishing the current batch and saving a checkpoint…`);
    controller.abort();
  };
  const signals = ['SIGINT', 'SIGTERM'] as const;
  for (const signal of signals) process.on(signal, onSignal);
  // Printed after the handlers are in: whoever sees this line may signal the run (the tests do).
  writeLine(io.stderr, describeBackend(backend, options.verbose));
  const progress = createProgressRenderer({
    stream: io.stderr,
    isTTY: io.stderr.isTTY === true,
    ...(io.now ? { now: io.now } : {}),
  });
  const toDataset = (rows: readonly { text: string; label: number }[]) => ({
    texts: rows.map((r) => r.text),
    labels: rows.map((r) => r.label),
  });
  let run: Awaited<ReturnType<typeof trainSentimentModel>>;
  try {
    run = await trainSentimentModel({
      train: toDataset(data.train),
      ...(data.val.length > 0 ? { validation: toDataset(data.val) } : {}),
      ...(data.test && data.test.length > 0 ? { test: toDataset(data.test) } : {}),
      labels: data.classNames,
      ...pipelineSettings(options, io, data.classNames.length),
      seed: options.seed,
      name: options.name,
      signal: controller.signal,
      checkpointDir,
      resume: options.resume,
      logger: {
        info: (message) => writeLine(io.stderr, message),
        warn: (message) => writeLine(io.stderr, `warning: ${message}`),
      },
      callbacks: {
        onBatchEnd: (e) => progress.update(e),
        onEpochEnd: (r) => {
          progress.finish();
          const v = r.val;
          writeLine(
            io.stderr,
            `epoch ${r.epoch}: train loss ${r.trainLoss.toFixed(4)}${v ? `, val loss ${v.loss.toFixed(4)}, accuracy ${v.accuracy.toFixed(4)}, F1 ${v.f1.toFixed(4)}` : ''} (${r.seconds.toFixed(0)} s)`,
          );
        },
      },
    });
  } finally {
    for (const signal of signals) process.removeListener(signal, onSignal);
    progress.finish();
  }
  const { model, training: result, test, embeddings: coverage } = run;
  if (result.aborted) {
    model.dispose();
    const signal = stoppedBy ?? 'SIGINT';
    throw new CliError(
      `INTERRUPTED_${signal}`,
      `${signal}: checkpoint saved in ${checkpointDir}; continue with the same command and --resume`,
    );
  }
  model.version = new Date().toISOString().slice(0, 10);
  const history = result.history.map(toEpochMetrics);
  if (history.length > 0) writeLine(io.stdout, renderEpochTable(history));
  const trainMinutes = run.seconds / 60;
  const testResults = test && data.test ? reportTestResults(test, data, io) : undefined;
  const {
    summary: _s,
    predictions: _p,
    ...testHead
  } = test ?? { summary: undefined, predictions: undefined };
  const config = { preset: options.preset, ...model.config, ...result.options };
  const skipped =
    data.parts.train.summary.skipped +
    (data.parts.validation?.summary.skipped ?? 0) +
    (data.parts.test?.summary.skipped ?? 0);
  const chosen = Object.fromEntries(
    run.settings.map((c) => [c.setting, { value: c.value, reason: c.reason }]),
  );
  const reportInput = {
    title: options.name,
    created: new Date().toISOString(),
    history,
    data: {
      source: options.data ?? 'IMDB',
      rows: {
        train: data.train.length,
        validation: data.val.length,
        ...(data.test ? { test: data.test.length } : {}),
      },
      ...(skipped > 0 ? { skipped } : {}),
    },
    embeddings: coverage
      ? {
          source: coverage.source,
          found: coverage.found,
          typeCoverage: coverage.typeCoverage,
          tokenCoverage: coverage.tokenCoverage,
          dim: coverage.dim,
        }
      : null,
    ...(testResults ?? {}),
    config,
  };
  const last = result.history.find((h) => h.epoch === result.bestEpoch)?.val ?? null;
  const card = renderModelCard({
    name: options.name,
    created: new Date().toISOString().slice(0, 10),
    preset: options.preset,
    data: {
      source: options.data ?? 'IMDB',
      train: data.train.length,
      validation: data.val.length,
      test: data.test?.length ?? 0,
      classNames: data.classNames,
    },
    tokenizer: { vocabularySize: model.tokenizer.vocabulary.size, options: { ...model.tokenizer.options } },
    embeddings: coverage,
    model: { ...model.config },
    training: { ...result.options },
    settings: run.settings,
    warnings: run.warnings,
    history: result.history,
    bestEpoch: result.bestEpoch,
    minutes: trainMinutes,
    backend: backend.backend,
    test: test
      ? {
          accuracy: test.accuracy,
          precision: test.precision,
          recall: test.recall,
          f1: test.f1,
          loss: test.loss,
        }
      : null,
  });
  await saveSentimentModel(model, options.outDir, {
    metrics: {
      ...(test ? { test: { ...testHead, confusionMatrix: test.summary.confusionMatrix } } : {}),
      ...(last ? { validation: last } : {}),
      bestEpoch: result.bestEpoch,
      history: result.history,
      trainMinutes,
    },
    training: {
      preset: options.preset,
      options: result.options,
      chosenFromData: chosen,
      warnings: run.warnings,
      data: { train: data.train.length, validation: data.val.length, test: data.test?.length ?? 0 },
      embeddings: options.embeddings ?? null,
      backend: backend.backend,
      minutes: trainMinutes,
    },
    extraFiles: {
      'README.md': card,
      'report.html': renderReport(reportInput),
      'curves.svg': renderCurvesSvg(history),
    },
  });
  writeLine(
    io.stderr,
    member
      ? `BiLSTM member trained (${trainMinutes.toFixed(1)} min)`
      : `model saved in ${options.outDir} (${trainMinutes.toFixed(1)} min)`,
  );
  // A finished run's checkpoint only invites a stale --resume later (and is about 4x the model).
  if (!options.keepCheckpoint) await rm(checkpointDir, { recursive: true, force: true });
  if (run.warnings.length > 0) {
    // A run that ended in a doubtful model must not end on a line that reads like success.
    writeLine(
      io.stderr,
      `finished with ${run.warnings.length} warning${run.warnings.length > 1 ? 's' : ''}:\n${run.warnings.map((w) => `  warning: ${w}`).join('\n')}`,
    );
  }
  if (!member) {
    writeLine(io.stdout, `report: ${join(options.outDir, 'report.html')}`);
    writeLine(io.stdout, `curves: ${join(options.outDir, 'curves.svg')}`);
  }
  model.dispose();
}
