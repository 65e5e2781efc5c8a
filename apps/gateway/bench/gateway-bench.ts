// Load benchmark of the gateway: one JSON object per line. Run: pnpm --filter @sentikit/gateway bench
// Env: MODEL_DIR (a saved model: use it; else a fake with a CPU cost model), MODEL_THREAD (where the real model
// computes behind the batching gateway: `worker`, the default, or `main`; the no-batching rows run on both, the
// raw rows always on this thread),
// BENCH_FAKE_THREAD (`main`, the default, busy-waits on the gateway's thread like a synchronous model; `worker`
// busy-waits on a worker thread like a model whose kernels run off the main thread), BENCH_DURATION (seconds per
// run, 5), BENCH_CONCURRENCY (comma list, 1,16,64,256), BENCH_RAW_BATCHES (raw model calls, 60).
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { hasSharedData } from '@sentikit/testkit';
import type { SentimentClassifier } from '../src/classifier.ts';
import { type GatewayConfigInput, parseGatewayConfig } from '../src/config.ts';
import { envSchema } from '../src/env.ts';
import { createFakeClassifier } from '../src/fake-classifier.ts';
import { silentLogger } from '../src/logger.ts';
import { loadClassifier, type ModelThread } from '../src/model-loader.ts';
import { startServer } from '../src/serve.ts';
import { histogram, load, reviewTexts } from './bench-support.ts';

/** One gateway run, as printed. */
interface LoadRecord {
  bench: 'gateway';
  mode: string;
  concurrency: number;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  statusCodes: Record<string, number>;
  requests: number;
  modelCalls: number;
  meanBatch: number;
  /** Share of the run's wall time a model call was running. */
  modelBusy: number;
  loadAvg1m: number;
}

const durationSec = Number(process.env['BENCH_DURATION'] ?? 5);
const warmupSec = 1;
const concurrencies = (process.env['BENCH_CONCURRENCY'] ?? '1,16,64,256').split(',').map(Number);
const rawBatches = Number(process.env['BENCH_RAW_BATCHES'] ?? 60);
const cost = { overheadMs: 5, perTextMs: 0.2 };
const batching = parseGatewayConfig({ nodeEnv: 'production' });

const print = (record: Record<string, unknown>): void => {
  console.log(JSON.stringify(record));
};
const round = (x: number, digits = 1): number => Number(x.toFixed(digits));
const mib = (bytes: number): number => round(bytes / 2 ** 20);

const fakeThread = process.env['BENCH_FAKE_THREAD'] === 'worker' ? 'worker' : 'main';
const modelThread = envSchema.shape.MODEL_THREAD.parse(process.env['MODEL_THREAD']);
/** The 1-minute load average, as `uptime` shows it: other work on the 2 shared cores moves every figure. */
const load1m = (): number => round(loadavg()[0] ?? 0, 2);

/** The fake whose cost is spent on a worker thread (bench/busy-worker.mjs); answers come from the plain fake. */
function workerFake(): SentimentClassifier {
  const answers = createFakeClassifier();
  const worker = new Worker(new URL('./busy-worker.mjs', import.meta.url));
  const waiting = new Map<number, () => void>();
  let nextId = 0;
  worker.on('message', ({ id }: { id: number }) => {
    waiting.get(id)?.();
    waiting.delete(id);
  });
  return {
    info: answers.info,
    async classify(texts) {
      nextId += 1;
      const id = nextId;
      await new Promise<void>((resolve) => {
        waiting.set(id, resolve);
        worker.postMessage({ id, ms: cost.overheadMs + cost.perTextMs * texts.length });
      });
      return answers.classify(texts);
    },
    tensorCount: () => 0,
    dispose: () => void worker.terminate(),
  };
}

/**
 * The real model when MODEL_DIR names a folder, else the fake with its cost model. `raw` is timed alone on this
 * thread; `served` is what the gateway serves (the real model on MODEL_THREAD; the fake itself).
 */
async function pickClassifiers(): Promise<{
  raw: SentimentClassifier;
  served: SentimentClassifier;
  /** The real model on each thread, for the no-batching rows; the fake on its one thread. */
  byThread: Partial<Record<ModelThread, SentimentClassifier>>;
  kind: 'real' | 'fake';
}> {
  const dir = process.env['MODEL_DIR'];
  if (dir && existsSync(dir)) {
    const main = await loadClassifier(dir, { thread: 'main' });
    const worker = await loadClassifier(dir, { thread: 'worker' });
    return {
      raw: main,
      served: modelThread === 'worker' ? worker : main,
      byThread: { main, worker },
      kind: 'real',
    };
  }
  const classifier = fakeThread === 'worker' ? workerFake() : createFakeClassifier(cost);
  return { raw: classifier, served: classifier, byThread: {}, kind: 'fake' };
}

/** Starts a fresh gateway for each concurrency (so its metrics are that run's), warms it up, loads it. */
async function serveAndLoad(
  classifier: SentimentClassifier,
  config: GatewayConfigInput,
  connections: number[],
  bodies: string[],
  mode: string,
  quiet = false,
  thread?: ModelThread,
): Promise<Map<number, LoadRecord>> {
  const results = new Map<number, LoadRecord>();
  for (const c of connections) {
    const running = await startServer({
      // The classifier is shared between runs, so the gateway must not dispose it.
      classifier: { info: classifier.info, classify: (texts) => classifier.classify(texts) },
      logger: silentLogger,
      config: { ...config, nodeEnv: 'production' },
    });
    try {
      await load(running.url, c, bodies, warmupSec);
      await running.gateway.batcher.drain();
      running.gateway.metrics.registry.resetMetrics();
      const r = await load(running.url, c, bodies, durationSec);
      const registry = running.gateway.metrics.registry;
      const batches = await histogram(registry, 'gateway_batch_size');
      const busy = await histogram(registry, 'gateway_model_call_duration_seconds');
      const record: LoadRecord = {
        bench: 'gateway',
        mode,
        ...(thread ? { modelThread: thread } : {}),
        concurrency: c,
        requestsPerSec: round(r.requests / durationSec),
        p50Ms: r.p50Ms,
        p99Ms: r.p99Ms,
        errors: r.errors + r.non2xx + r.timeouts,
        statusCodes: r.statusCodes,
        requests: r.requests,
        modelCalls: batches.count,
        meanBatch: batches.count > 0 ? round(batches.sum / batches.count) : 0,
        modelBusy: round(busy.sum / durationSec, 2),
        loadAvg1m: load1m(),
      };
      results.set(c, record);
      if (!quiet) print({ ...record });
    } finally {
      await running.shutdown('benchmark run done');
    }
  }
  return results;
}

const { raw, served: classifier, byThread, kind } = await pickClassifiers();
const texts = await reviewTexts(512);
const bodies = texts.map((text) =>
  JSON.stringify({
    query: 'query ($text: String!) { classify(text: $text) { label score } }',
    variables: { text },
  }),
);
print({
  bench: 'setup',
  classifier: kind,
  ...(kind === 'fake'
    ? {
        costModel: `${cost.overheadMs} ms + ${cost.perTextMs} ms per text, busy-waiting on the ${fakeThread} thread`,
      }
    : {}),
  model: classifier.info,
  ...(kind === 'real' ? { modelThread } : {}),
  loadAvg1m: load1m(),
  texts: hasSharedData() ? 'IMDB test split' : 'synthetic reviews',
  durationSec,
  batchWindowMs: batching.batchWindowMs,
  maxBatchSize: batching.maxBatchSize,
  queueSize: batching.queueSize,
});

// Warm-up, then the raw throughput of the classifier alone, batched and one text per call.
await raw.classify(texts.slice(0, batching.maxBatchSize));
const gc = (globalThis as { gc?: () => void }).gc;
/** RSS, V8 heap and tensors, after a full collection when `--expose-gc` is on. */
const memory = async () => {
  await new Promise((resolve) => setTimeout(resolve, 200));
  gc?.();
  const usage = process.memoryUsage();
  return {
    rssMiB: mib(usage.rss),
    heapUsedMiB: mib(usage.heapUsed),
    tensors: classifier.tensorCount?.() ?? null,
  };
};
// One unprinted gateway run first, so "before" already includes what any gateway run allocates once.
await serveAndLoad(classifier, {}, [64], bodies, 'warm-up', true);
const before = await memory();
// Batched and one text per call over the same texts (the ones the batched calls cycle through), taken in turns
// of a quarter each, so both rows see the same load from other work on the shared cores and their ratio (the
// most batching can gain over a gateway without it) holds even when the absolute figures move.
const singles = texts.slice(0, texts.length - batching.maxBatchSize);
const turns = 4;
let batchedMs = 0;
let singlesMs = 0;
for (let turn = 0; turn < turns; turn++) {
  const [from, to] = [turn, turn + 1].map((k) => Math.floor((k * rawBatches) / turns)) as [number, number];
  let t = performance.now();
  for (let b = from; b < to; b++) {
    const start = (b * batching.maxBatchSize) % singles.length;
    await raw.classify(texts.slice(start, start + batching.maxBatchSize));
  }
  batchedMs += performance.now() - t;
  t = performance.now();
  const part = singles.slice((turn * singles.length) / turns, ((turn + 1) * singles.length) / turns);
  for (const text of part) await raw.classify([text]);
  singlesMs += performance.now() - t;
}
const rawTextsPerSec = (rawBatches * batching.maxBatchSize * 1000) / batchedMs;
const rawSingleTextsPerSec = (singles.length * 1000) / singlesMs;
for (const [batchSize, batches, textsPerSec] of [
  [batching.maxBatchSize, rawBatches, rawTextsPerSec],
  [1, singles.length, rawSingleTextsPerSec],
] as const) {
  print({ bench: 'raw-model', batchSize, batches, textsPerSec: round(textsPerSec), loadAvg1m: load1m() });
}

const batched = await serveAndLoad(classifier, {}, concurrencies, bodies, 'batching');
// Without batching the model thread that serves more is not the batching one, so both are run (real model) and
// the ratio is taken against the faster: the worker's default must not make the baseline slower.
const offRuns = kind === 'real' ? (Object.entries(byThread) as [ModelThread, SentimentClassifier][]) : [];
const off = new Map<ModelThread | 'fake', Map<number, LoadRecord>>();
for (const [thread, model] of offRuns.length > 0 ? offRuns : [['fake', classifier] as const]) {
  const offConfig = { batchWindowMs: 0, maxBatchSize: 1 };
  const at = concurrencies.filter((c) => c === 1 || c === 64);
  const realThread = thread === 'fake' ? undefined : thread;
  off.set(thread, await serveAndLoad(model, offConfig, at, bodies, 'no-batching', false, realThread));
}

const after = await memory();
const at64 = batched.get(64)?.requestsPerSec;
const off64ByThread = Object.fromEntries(
  [...off].map(([thread, runs]) => [thread, runs.get(64)?.requestsPerSec]),
);
const off64 = Math.max(0, ...[...off.values()].map((runs) => runs.get(64)?.requestsPerSec ?? 0)) || undefined;
const belowQueueLimitErrors = [...batched.entries()]
  .filter(([c]) => c <= batching.queueSize)
  .reduce((n, [, r]) => n + r.errors, 0);
print({
  bench: 'summary',
  classifier: kind === 'fake' ? `fake (${fakeThread} thread)` : kind,
  ...(kind === 'real' ? { modelThread } : {}),
  rawTextsPerSec: round(rawTextsPerSec),
  rawBatch1TextsPerSec: round(rawSingleTextsPerSec),
  // Without batching the gateway serves at most the batch-1 rate, so batching can gain at most this much.
  noBatchingBound: round(rawTextsPerSec / rawSingleTextsPerSec, 2),
  ...(at64 !== undefined ? { at64VsRaw: round(at64 / rawTextsPerSec, 2) } : {}),
  noBatchingAt64: off64ByThread,
  ...(at64 !== undefined && off64 ? { at64VsNoBatching: round(at64 / off64, 2) } : {}),
  errorsBelowQueueLimit: belowQueueLimitErrors,
  loadAvg1m: load1m(),
  before,
  after,
  targets: {
    'at64 >= 0.8 x raw': at64 !== undefined ? at64 >= 0.8 * rawTextsPerSec : null,
    'at64 >= 5 x no-batching': at64 !== undefined && off64 ? at64 >= 5 * off64 : null,
    'no errors below the queue limit': belowQueueLimitErrors === 0,
  },
});
for (const model of new Set([classifier, raw, ...Object.values(byThread)])) await model.dispose?.();
