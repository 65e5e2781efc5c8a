// Runs autocannon on its own thread, so the load generator never shares the gateway's event loop.
// Plain JavaScript: worker threads do not inherit tsx's loader on Node 20.
// workerData: { url, connections, durationSec, bodies: string[] }; posts back a LoadResult (see gateway-bench.ts).
import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';

const job = workerData;
let next = 0;
const base = { url: `${job.url}/graphql`, connections: job.connections, duration: job.durationSec };
// Off the main thread autocannon returns raw (encoded) figures; aggregateResult decodes them.
const raw = await autocannon({
  ...base,
  timeout: 30,
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  requests: [
    {
      setupRequest: (request) => {
        next = (next + 1) % job.bodies.length;
        return { ...request, body: job.bodies[next] };
      },
    },
  ],
});
const result = autocannon.aggregateResult([raw], base);
parentPort?.postMessage({
  requests: result.requests.total,
  requestsPerSec: result.requests.average,
  p50Ms: result.latency.p50,
  p99Ms: result.latency.p99,
  errors: result.errors,
  non2xx: result.non2xx,
  timeouts: result.timeouts,
  statusCodes: Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, stat.count ?? 0]),
  ),
});
