// Helpers of the gateway benches (gateway-bench.ts, model-thread-ab.ts): the review texts, the autocannon run
// on its own thread, histogram sums.
import { Worker } from 'node:worker_threads';
import { hasSharedData, loadImdb } from '@sentikit/testkit';
import type { Registry } from 'prom-client';

/** What bench/load-worker.mjs is asked to do. */
interface LoadJob {
  url: string;
  connections: number;
  durationSec: number;
  bodies: string[];
}

/** What bench/load-worker.mjs answers (autocannon's figures). */
export interface LoadResult {
  requests: number;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  timeouts: number;
  statusCodes: Record<string, number>;
}

/** Review texts: the shared IMDB test split when present, else synthetic reviews of similar length. */
export async function reviewTexts(count: number): Promise<string[]> {
  if (hasSharedData()) return (await loadImdb('test', count)).map((r) => r.text.slice(0, 10_000));
  const words = [
    'the',
    'film',
    'was',
    'great',
    'boring',
    'acting',
    'plot',
    'and',
    'a',
    'story',
    'bad',
    'loved',
  ];
  return Array.from({ length: count }, (_, i) =>
    Array.from({ length: 120 + (i % 200) }, (_, j) => words[(i * 7 + j * 13) % words.length]).join(' '),
  );
}

/** Runs autocannon with `connections` for `seconds` on its own thread (bench/load-worker.mjs). */
export function load(
  url: string,
  connections: number,
  bodies: string[],
  seconds: number,
): Promise<LoadResult> {
  const job: LoadJob = { url, connections, durationSec: seconds, bodies };
  const worker = new Worker(new URL('./load-worker.mjs', import.meta.url), { workerData: job });
  return new Promise((resolve, reject) => {
    worker.once('message', (result: LoadResult) => resolve(result));
    worker.once('error', reject);
  });
}

/** Sum and count of a histogram in a registry. */
export async function histogram(registry: Registry, name: string): Promise<{ sum: number; count: number }> {
  const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === name);
  const values = (metric?.values ?? []) as { metricName?: string; value: number }[];
  const pick = (suffix: string) =>
    values.filter((v) => v.metricName === `${name}${suffix}`).reduce((total, v) => total + v.value, 0);
  return { sum: pick('_sum'), count: pick('_count') };
}
