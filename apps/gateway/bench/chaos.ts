// The gateway's chaos bench (issue #14): the trials of the hardening issue, run against real sockets, printed
// as one JSON object. Trials: overload by 1,024 clients sending 4-text batches (only OVERLOADED refusals, no
// refused text computed), 10,000 fuzzed requests (no 5xx), SIGTERM under load with the drain delay (no failed
// request among those accepted, exit 0), and a dead or stuck BiLSTM direction worker in the real server (every
// request fails within the deadline, exit non-zero). Run: pnpm --filter @sentikit/gateway bench:chaos
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { defaultModelDir } from '../src/env.ts';
import { createFakeClassifier } from '../src/fake-classifier.ts';
import { silentLogger } from '../src/logger.ts';
import { startServer } from '../src/serve.ts';

interface Reply {
  status: number;
  code?: string;
  error?: string;
  connection?: string;
}

/** POSTs a body to /graphql and reads the first error code; transport errors come back as `error`. */
function post(url: string, body: string, agent: Agent, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve) => {
    const req = request(
      `${url}/graphql`,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          text += c;
        });
        res.on('end', () => {
          let code: string | undefined;
          try {
            code = (JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]
              ?.extensions?.code;
          } catch {
            code = 'NOT_JSON';
          }
          resolve({
            status: res.statusCode ?? 0,
            ...(code ? { code } : {}),
            ...(res.headers.connection ? { connection: res.headers.connection } : {}),
          });
        });
        res.on('error', (e: NodeJS.ErrnoException) => resolve({ status: 0, error: e.code ?? e.message }));
      },
    );
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ status: 0, error: e.code ?? e.message }));
    req.end(body);
  });
}

const count = (tally: Record<string, number>, key: string): void => {
  tally[key] = (tally[key] ?? 0) + 1;
};
const outcome = (r: Reply): string =>
  r.error ?? (r.status === 200 && !r.code ? '200' : `${r.status} ${r.code ?? ''}`.trim());
const batchQuery = 'query ($t: [String!]!) { classifyBatch(texts: $t) { label } }';

/** Sums a histogram's `_sum` from the Prometheus text of `/metrics`. */
async function metricSum(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}_sum`));
  return Number(line?.split(' ')[1] ?? Number.NaN);
}

/**
 * 1,024 clients, each sending 4-text batches in a loop for `seconds`, against the real server and model. Texts
 * the model computed (the batch-size histogram's sum) minus texts answered 200 is what refused requests cost.
 */
async function overload(seconds: number) {
  // All clients share 127.0.0.1, as behind a proxy, so the per-client share is raised to the whole queue.
  const { child, url } = await startServerProcess({ MAX_CLIENT_TEXTS: '1024', DRAIN_DELAY_MS: '0' });
  const agent = new Agent({ keepAlive: true, maxSockets: 1024 });
  const tally: Record<string, number> = {};
  let next = 0;
  let refusedTexts = 0;
  let servedTexts = 0;
  const end = Date.now() + seconds * 1000;
  const client = async (): Promise<void> => {
    while (Date.now() < end) {
      const texts = Array.from({ length: 4 }, () => `review ${next++}: a moving, well acted film`);
      const reply = await post(url, JSON.stringify({ query: batchQuery, variables: { t: texts } }), agent);
      count(tally, outcome(reply));
      if (reply.status === 200 && !reply.code) servedTexts += 4;
      else refusedTexts += 4;
    }
  };
  await Promise.all(Array.from({ length: 1024 }, client));
  agent.destroy();
  const computedTexts = await metricSum(url, 'gateway_batch_size');
  const exited = exitOf(child);
  child.kill('SIGTERM');
  const exit = await exited;
  const errorsOtherThanOverloaded = Object.entries(tally)
    .filter(([k]) => k !== '200' && k !== '503 OVERLOADED')
    .reduce((n, [, v]) => n + v, 0);
  return {
    clients: 1024,
    textsPerRequest: 4,
    seconds,
    outcomes: tally,
    servedTexts,
    refusedTexts,
    computedTexts,
    refusedComputed: computedTexts - servedTexts,
    errorsOtherThanOverloaded,
    exitCode: exit.code,
  };
}

/** Random requests: bad JSON, bad GraphQL, wrong types, huge and odd strings, odd content types. */
async function fuzz(requests: number, seed = 1) {
  let s = seed;
  const rnd = (n: number): number => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s % n;
  };
  const pick = <T>(xs: readonly T[]): T => xs[rnd(xs.length)] as T;
  const strings = [
    '',
    ' ',
    'great',
    '\u0000',
    '\u200b',
    '😀'.repeat(3000),
    'x'.repeat(10_001),
    '"}',
    '\\',
    '<br />',
    '$t',
  ];
  const values = () =>
    pick<unknown>([pick(strings), 42, null, true, [], [pick(strings)], {}, Array(70).fill('a'), -1.5]);
  const docs = [
    () => `{ classify(text: ${JSON.stringify(pick(strings))}) { label score } }`,
    () => 'query ($t: [String!]!) { classifyBatch(texts: $t) { label tokens } }',
    () => `{ ${'a: '.repeat(rnd(3))}model { name metrics { name } } }`,
    () => `{ classify(text: $x) { label } }`,
    () => '{'.repeat(rnd(200)),
    () =>
      `query { ${Array.from({ length: rnd(40) }, (_, i) => `f${i}: classify(text: "good") { label }`).join(' ')} }`,
    () => 'mutation { classify(text: "x") { label } }',
    () => `{ __schema { types { name fields { type { ofType { ofType { name } } } } } } }`,
    () => pick(strings),
    () => `{ classifyBatch(texts: [${Array(rnd(80)).fill('"w"').join(',')}]) { label } }`,
  ];
  const running = await startServer({
    classifier: createFakeClassifier({ keepCalls: 1 }),
    logger: silentLogger,
    config: { maxClientTexts: 1024 },
  });
  const agent = new Agent({ keepAlive: true, maxSockets: 32 });
  const tally: Record<string, number> = {};
  let sent = 0;
  const worker = async (): Promise<void> => {
    while (sent < requests) {
      sent += 1;
      const kind = rnd(10);
      const body =
        kind === 0
          ? pick(['', '{', 'null', '[]', '{"query":1}', 'x'.repeat(rnd(2000))])
          : JSON.stringify({
              query: pick(docs)(),
              variables: rnd(2) ? { t: values(), x: values() } : values(),
              operationName: rnd(8) ? undefined : pick(strings),
            });
      const headers: Record<string, string> =
        rnd(10) === 0
          ? {
              'content-type': pick([
                'text/plain',
                'application/x-www-form-urlencoded',
                'multipart/form-data; boundary=x',
                'application/graphql',
              ]),
            }
          : {};
      const reply = await post(running.url, body, agent, headers);
      count(tally, reply.error ?? String(reply.status));
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
  const exitCode = await running.shutdown('bench');
  agent.destroy();
  const fiveXx = Object.entries(tally)
    .filter(([k]) => k.startsWith('5'))
    .reduce((n, [, v]) => n + v, 0);
  return { requests, statuses: tally, fiveXx, exitCode };
}

/** Starts the real server entry (the fault-injecting loader around the bundled model) and waits for the model. */
function startServerProcess(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string; lines: string[] }> {
  // tsx as a loader in the server's own process (its CLI would put a process between the signal and the server).
  const tsx = createRequire(import.meta.url).resolve('tsx/esm');
  const entry = new URL('../test/fixtures/fault-gateway.ts', import.meta.url).pathname;
  const child = spawn(
    process.execPath,
    ['--import', `file://${tsx}`, '--conditions=@sentikit/source', entry],
    {
      env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    let url = '';
    let rest = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      const parts = (rest + chunk).split('\n');
      rest = parts.pop() ?? '';
      for (const line of parts.filter(Boolean)) {
        lines.push(line);
        const e = JSON.parse(line) as { msg: string; url?: string };
        if (e.msg === 'listening' && e.url) url = e.url;
        if (e.msg === 'model ready') resolve({ child, url, lines });
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

const exitOf = (child: ChildProcess) =>
  new Promise<{ code: number | null; at: number }>((resolve) =>
    child.once('exit', (code) => resolve({ code, at: Date.now() })),
  );

/**
 * SIGTERM while `clients` keep-alive clients send requests, each behaving like a load balancer's backend
 * connection: it checks `/ready` every 100 ms, and once that says 503 it opens no new connection (its kept-alive
 * one is used until the server ends it). Nothing the server accepted may fail, and it exits 0.
 */
async function drain(clients: number, drainDelayMs: number) {
  const { child, url } = await startServerProcess({
    DRAIN_DELAY_MS: String(drainDelayMs),
    MAX_CLIENT_TEXTS: '1024',
  });
  const exited = exitOf(child);
  const tally: Record<string, number> = {};
  let ready = true;
  const probe = setInterval(() => {
    fetch(`${url}/ready`).then(
      (r) => {
        if (r.status !== 200) ready = false;
      },
      () => {
        ready = false;
      },
    );
  }, 100);
  let signalledAt = 0;
  let lastAccepted = 0;
  let stop = false;
  const body = JSON.stringify({ query: '{ classify(text: "A moving, beautifully acted film.") { label } }' });
  const client = async (): Promise<void> => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    let open = false;
    while (!stop && (ready || open)) {
      const reply = await post(url, body, agent);
      const key = outcome(reply);
      count(tally, key);
      if (key === '200' && signalledAt) lastAccepted = Date.now();
      open = key === '200' && reply.connection !== 'close';
      if (reply.error) break;
    }
    agent.destroy();
  };
  const load = Promise.all(Array.from({ length: clients }, client));
  await new Promise((r) => setTimeout(r, 3000));
  signalledAt = Date.now();
  child.kill('SIGTERM');
  const exit = await exited;
  stop = true;
  clearInterval(probe);
  await load;
  const failedAccepted = Object.entries(tally)
    .filter(([k]) => k !== '200')
    .reduce((n, [, v]) => n + v, 0);
  return {
    clients,
    drainDelayMs,
    outcomes: tally,
    failedAccepted,
    lastServedAfterSignalMs: lastAccepted ? lastAccepted - signalledAt : null,
    exitCode: exit.code,
    exitAfterSignalMs: exit.at - signalledAt,
  };
}

/** The same SIGTERM with clients that ignore `/ready` and reconnect at once (no load balancer in front). */
async function drainNaive(clients: number, drainDelayMs: number) {
  const { child, url } = await startServerProcess({
    DRAIN_DELAY_MS: String(drainDelayMs),
    MAX_CLIENT_TEXTS: '1024',
  });
  const exited = exitOf(child);
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const tally: Record<string, number> = {};
  let signalledAt = 0;
  let stop = false;
  const body = JSON.stringify({ query: '{ classify(text: "A moving, beautifully acted film.") { label } }' });
  const client = async (): Promise<void> => {
    while (!stop) {
      const reply = await post(url, body, agent);
      if (signalledAt) count(tally, outcome(reply));
      if (reply.error === 'ECONNREFUSED') return;
    }
  };
  const load = Promise.all(Array.from({ length: clients }, client));
  await new Promise((r) => setTimeout(r, 3000));
  signalledAt = Date.now();
  child.kill('SIGTERM');
  const exit = await exited;
  stop = true;
  await load;
  agent.destroy();
  return {
    clients,
    drainDelayMs,
    outcomesAfterSignal: tally,
    exitCode: exit.code,
    exitAfterSignalMs: exit.at - signalledAt,
  };
}

/** A BiLSTM direction worker that dies (`exit`) or stops answering (`hang`) under load in the real server. */
async function deadWorker(kind: 'exit' | 'hang', clients: number) {
  const { child, url } = await startServerProcess({ DRAIN_DELAY_MS: '0' });
  const exited = exitOf(child);
  const agent = new Agent({ keepAlive: true, maxSockets: clients + 1 });
  const tally: Record<string, number> = {};
  let faultAt = 0;
  let lastReplyAt = 0;
  let stop = false;
  const body = JSON.stringify({ query: '{ classify(text: "A dull, overlong film.") { label } }' });
  const client = async (): Promise<void> => {
    while (!stop) {
      const reply = await post(url, body, agent);
      if (faultAt) {
        count(tally, outcome(reply));
        lastReplyAt = Date.now();
      }
      if (reply.error) return;
    }
  };
  const load = Promise.all(Array.from({ length: clients }, client));
  await new Promise((r) => setTimeout(r, 1000));
  faultAt = Date.now();
  const faulted = await post(
    url,
    JSON.stringify({ query: `{ classify(text: "FAULT:${kind}") { label } }` }),
    agent,
  );
  const faultReplyMs = Date.now() - faultAt;
  const exit = await exited;
  stop = true;
  await load;
  agent.destroy();
  return {
    kind,
    clients,
    faultedReply: outcome(faulted),
    faultReplyMs,
    outcomesAfterFault: tally,
    lastReplyAfterFaultMs: lastReplyAt ? lastReplyAt - faultAt : null,
    exitCode: exit.code,
    exitAfterFaultMs: exit.at - faultAt,
  };
}

const bundled = existsSync(join(defaultModelDir, 'manifest.json'));
const only = process.argv.slice(2);
const want = (name: string) => only.length === 0 || only.includes(name);
const result: Record<string, unknown> = {
  node: process.version,
  loadBefore: loadavg().map((l) => l.toFixed(2)),
};
if (bundled && want('overload')) result['overload'] = await overload(10);
if (want('fuzz')) result['fuzz'] = await fuzz(10_000);
if (bundled && want('drain')) result['drain'] = await drain(256, 2000);
if (bundled && want('drain-naive')) result['drainNaiveClients'] = await drainNaive(256, 2000);
if (bundled && want('dead-exit')) result['deadWorkerExit'] = await deadWorker('exit', 64);
if (bundled && want('dead-hang')) result['deadWorkerHang'] = await deadWorker('hang', 64);
result['loadAfter'] = loadavg().map((l) => l.toFixed(2));
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
