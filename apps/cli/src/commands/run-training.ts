import { join } from 'node:path';
import {
  type EpochRecord,
  evaluateModel,
  presets,
  SentimentModel,
  saveModel,
  selectBackend,
  train,
} from '@sentikit/bilstm';
import { loadEmbeddings } from '@sentikit/embeddings';
import { classificationReport } from '@sentikit/metrics';
import { SentiTokenizer } from '@sentikit/tokenizer';
import { renderCurvesSvg } from '../curves-svg.ts';
import { renderEpochTable } from '../epoch-table.ts';
import { type CliIo, writeLine } from '../io.ts';
import type { TrainingData } from '../load-data.ts';
import { createProgressRenderer } from '../progress.ts';
import { renderReport } from '../report.ts';
import type { EpochMetrics } from '../report-schema.ts';
import type { TrainOptions } from '../train-options.ts';
import { describeBackend } from './backend-line.ts';
import { renderModelCard } from './model-card.ts';

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
 * test evaluation, report, artifact. Ctrl-C stops after the current batch and leaves a checkpoint that
 * `--resume` continues from.
 */
export async function runTraining(options: TrainOptions, data: TrainingData, io: CliIo): Promise<void> {
  const preset = presets[options.preset];
  const backend = await selectBackend(options.backend);
  writeLine(io.stderr, describeBackend(backend));
  const started = Date.now();
  const tokenizer = await SentiTokenizer.train(
    data.train.map((r) => r.text),
    { maxSize: preset.vocabulary.maxSize, minFreq: preset.vocabulary.minFreq },
  );
  writeLine(io.stderr, `vocabulary: ${tokenizer.vocabulary.size.toLocaleString('en')} tokens`);
  let embeddings: Float32Array | undefined;
  let coverage: { found: number; typeCoverage: number; tokenCoverage: number | null } | null = null;
  if (options.embeddings) {
    const loaded = await loadEmbeddings(options.embeddings, {
      vocabulary: tokenizer.vocabulary,
      oov: 'random',
      seed: options.seed,
      cacheDir: join(
        io.env['SENTIKIT_CACHE'] ?? join(io.env['HOME'] ?? '.', '.cache', 'sentikit'),
        'embeddings',
      ),
    });
    if (loaded.dim !== preset.model.embeddingDim) {
      writeLine(
        io.stderr,
        `embeddings: ${loaded.dim}-dimensional vectors; the model uses ${loaded.dim} instead of ${preset.model.embeddingDim}`,
      );
    }
    embeddings = loaded.matrix;
    coverage = {
      found: loaded.found,
      typeCoverage: loaded.coverage.types,
      tokenCoverage: loaded.coverage.tokens,
    };
    const pct = (x: number | null) => (x === null ? 'n/a' : `${(100 * x).toFixed(1)}%`);
    writeLine(
      io.stderr,
      `embeddings: ${loaded.found.toLocaleString('en')} of ${tokenizer.vocabulary.size.toLocaleString('en')} words found (${pct(loaded.coverage.types)} of types, ${pct(loaded.coverage.tokens)} of tokens)${loaded.fromCache ? ', from cache' : ''}`,
    );
  }
  const embeddingDim = embeddings ? embeddings.length / tokenizer.vocabulary.size : preset.model.embeddingDim;
  const model = SentimentModel.create({
    tokenizer,
    config: {
      ...preset.model,
      embeddingDim,
      labels: [...data.classNames],
      ...(options.maxLength ? { maxLength: options.maxLength } : {}),
      seed: options.seed,
    },
    ...(embeddings ? { embeddings } : {}),
    name: options.name,
  });
  model.version = new Date().toISOString().slice(0, 10);
  const controller = new AbortController();
  const onSigint = () => {
    writeLine(io.stderr, '\ninterrupted: finishing the current batch and saving a checkpoint…');
    controller.abort();
  };
  process.once('SIGINT', onSigint);
  const progress = createProgressRenderer({
    stream: io.stderr,
    isTTY: io.stderr.isTTY === true,
    ...(io.now ? { now: io.now } : {}),
  });
  const checkpointDir = checkpointDirFor(options.outDir);
  let result: Awaited<ReturnType<typeof train>>;
  const totalEpochs = options.epochs ?? preset.train.epochs;
  try {
    result = await train(
      model,
      { texts: data.train.map((r) => r.text), labels: data.train.map((r) => r.label) },
      {
        ...preset.train,
        ...(options.epochs ? { epochs: options.epochs } : {}),
        ...(options.batchSize ? { batchSize: options.batchSize } : {}),
        ...(options.learningRate ? { learningRate: options.learningRate } : {}),
        seed: options.seed,
        ...(data.val.length > 0
          ? { valSet: { texts: data.val.map((r) => r.text), labels: data.val.map((r) => r.label) } }
          : {}),
        signal: controller.signal,
        checkpointDir,
        resume: options.resume,
        callbacks: {
          onBatchEnd: (e) => progress.update({ ...e, epochs: totalEpochs }),
          onEpochEnd: (r) => {
            progress.finish();
            const v = r.val;
            writeLine(
              io.stderr,
              `epoch ${r.epoch}: train loss ${r.trainLoss.toFixed(4)}${v ? `, val loss ${v.loss.toFixed(4)}, accuracy ${v.accuracy.toFixed(4)}, F1 ${v.f1.toFixed(4)}` : ''} (${r.seconds.toFixed(0)} s)`,
            );
          },
        },
      },
    );
  } finally {
    process.removeListener('SIGINT', onSigint);
    progress.finish();
  }
  if (result.aborted) {
    writeLine(io.stderr, `checkpoint saved in ${checkpointDir}; continue with the same command and --resume`);
    model.dispose();
    return;
  }
  const history = result.history.map(toEpochMetrics);
  if (history.length > 0) writeLine(io.stdout, renderEpochTable(history));
  const trainMinutes = (Date.now() - started) / 60_000;
  let test: ReturnType<typeof evaluateModel> | undefined;
  let report: string | undefined;
  if (data.test && data.test.length > 0) {
    writeLine(io.stderr, `evaluating on ${data.test.length.toLocaleString('en')} test texts…`);
    const labels = data.test.map((r) => r.label);
    test = evaluateModel(model, { texts: data.test.map((r) => r.text), labels });
    report = classificationReport(labels, test.predictions, { targetNames: [...data.classNames], digits: 4 });
    writeLine(io.stdout, report);
  }
  const {
    summary: _s,
    predictions: _p,
    ...testHead
  } = test ?? { summary: undefined, predictions: undefined };
  const config = { preset: options.preset, ...model.config, ...result.options };
  const reportInput = {
    title: options.name,
    created: new Date().toISOString(),
    history,
    ...(test
      ? {
          test: {
            accuracy: test.accuracy,
            precision: test.precision,
            recall: test.recall,
            f1: test.f1,
            loss: test.loss,
            confusionMatrix: test.summary.confusionMatrix,
            labels: [...data.classNames],
          },
        }
      : {}),
    config,
    ...(report ? { classificationReport: report } : {}),
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
    tokenizer: { vocabularySize: tokenizer.vocabulary.size, options: { ...tokenizer.options } },
    embeddings: options.embeddings && coverage ? { source: options.embeddings, ...coverage } : null,
    model: { ...model.config },
    training: { ...result.options },
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
  await saveModel(model, options.outDir, {
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
  writeLine(io.stderr, `model saved in ${options.outDir} (${trainMinutes.toFixed(1)} min)`);
  writeLine(io.stdout, `report: ${join(options.outDir, 'report.html')}`);
  writeLine(io.stdout, `curves: ${join(options.outDir, 'curves.svg')}`);
  model.dispose();
}
