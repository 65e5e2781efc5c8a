// MODEL_THREAD=main against MODEL_THREAD=worker with the real model, taken in turns so both see the same load
// from other work on the shared cores: one JSON object per line per sample, then the medians.
// Run from the repo root: MODEL_DIR=$PWD/models/imdb-bilstm pnpm --filter @sentikit/gateway bench:threads
// Env: MODEL_DIR (required), BENCH_ROUNDS (5), BENCH_DURATION (seconds per gateway run, 5).
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { SentimentClassifier } from '../src/classifier.ts';
import { type GatewayConfigInput, parseGatewayConfig } from '../src/config.ts';
import { silentLogger } from '../src/logger.ts';
import { loadClassifier } from '../src/model-loader.ts';
import { startServer } from '../src/serve.ts';
import { histogram, load, reviewTexts } from './bench-support.ts';

const dir = process.env['MODEL_DIR'];
if (!dir || !existsSync(dir)) throw new Error('MODEL_DIR must name a saved model folder');
const rounds = Number(process.env['BENCH_ROUNDS'] ?? 5);
const durationSec = Number(process.env['BENCH_DURATION'] ?? 5);
const { maxBatchSize } = parseGatewayConfig();
const round = (x: number, digits = 1): number => Number(x.toFixed(digits));
const print = (record: Record<string, unknown>): void => {
  console.log(JSON.stringify(record));
};

const texts = await reviewTexts(512);
const bodies = texts.map((text) =>
  JSON.stringify({
    query: 'query ($text: String!) { classify(text: $text) { label score } }',
    variables: { text },
  }),
);
const models = {
  main: await loadClassifier(dir, { thread: 'main' }),
  worker: await loadClassifier(dir, { thread: 'worker' }),
};
const noBatching: GatewayConfigInput = { batchWindowMs: 0, maxBatchSize: 1 };

/** One gateway at concurrency 64, after a 1 s warm-up, as gateway-bench.ts runs it. */
async function gateway(classifier: SentimentClassifier, config: GatewayConfigInput) {
  const running = await startServer({
    classifier: { info: classifier.info, classify: (batch) => classifier.classify(batch) },
    logger: silentLogger,
    config: { ...config, nodeEnv: 'production' },
  });
  try {
    await load(running.url, 64, bodies, 1);
    await running.gateway.batcher.drain();
    running.gateway.metrics.registry.resetMetrics();
    const r = await load(running.url, 64, bodies, durationSec);
    const batches = await histogram(running.gateway.metrics.registry, 'gateway_batch_size');
    return {
      perSec: r.requests / durationSec,
      p99Ms: r.p99Ms,
      errors: r.errors + r.non2xx,
      meanBatch: round(batches.sum / batches.count),
    };
  } finally {
    await running.shutdown('benchmark run done');
  }
}

/** Texts per second of the in-process model over a quarter of gateway-bench.ts's raw rows. */
async function raw(batchSize: number) {
  const count = batchSize === 1 ? 112 : 15 * batchSize;
  const t = performance.now();
  for (let i = 0; i < count; i += batchSize) {
    const start = i % (texts.length - maxBatchSize);
    await models.main.classify(texts.slice(start, start + batchSize));
  }
  return { perSec: (count * 1000) / (performance.now() - t) };
}

const runs: Record<string, () => Promise<{ perSec: number }>> = {
  'raw batch 64': () => raw(maxBatchSize),
  'raw batch 1': () => raw(1),
  'main, batching': () => gateway(models.main, {}),
  'worker, batching': () => gateway(models.worker, {}),
  'main, no batching': () => gateway(models.main, noBatching),
  'worker, no batching': () => gateway(models.worker, noBatching),
};
await models.main.classify(texts.slice(0, maxBatchSize));
await models.worker.classify(texts.slice(0, maxBatchSize));
const samples: Record<string, number[]> = {};
for (let r = 0; r < rounds; r++) {
  for (const [name, run] of Object.entries(runs)) {
    const result = await run();
    samples[name] = [...(samples[name] ?? []), result.perSec];
    print({
      bench: 'sample',
      round: r,
      run: name,
      ...result,
      perSec: round(result.perSec),
      loadAvg1m: round(loadavg()[0] ?? 0, 2),
    });
  }
}
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
const medians = Object.fromEntries(Object.entries(samples).map(([name, xs]) => [name, round(median(xs))]));
const rawMedian = medians['raw batch 64'] ?? Number.NaN;
print({
  bench: 'summary',
  rounds,
  medians,
  vsRaw: {
    main: round((medians['main, batching'] ?? 0) / rawMedian, 2),
    worker: round((medians['worker, batching'] ?? 0) / rawMedian, 2),
  },
  loadAvg1m: round(loadavg()[0] ?? 0, 2),
});
await models.worker.dispose?.();
models.main.dispose?.();
