import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { skipBecause } from '@sentikit/testkit';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { defaultModelDir } from './env.ts';
import type { GatewayError } from './errors.ts';
import { createFakeClassifier } from './fake-classifier.ts';
import type { FakeModelSpec } from './fake-model-loader.ts';
import { graphql, memoryLogger, testGateway } from './test-support.ts';
import { loadWorkerClassifier } from './worker-classifier.ts';

const fakeLoader = new URL('./fake-model-loader.ts', import.meta.url);
const faultLoader = new URL('../test/fixtures/bilstm-fault-loader.ts', import.meta.url);
const loadFake = (spec: FakeModelSpec) =>
  loadWorkerClassifier({
    modelDir: JSON.stringify(spec),
    loaderUrl: fakeLoader,
    logger: memoryLogger().logger,
  });
const classify = (text: string) => `{ classify(text: ${JSON.stringify(text)}) { label } }`;
// The fault trials run the bundled model; CI (which has it) must not skip them.
const skip = skipBecause(
  existsSync(join(defaultModelDir, 'manifest.json'))
    ? undefined
    : `bundled model: no ${defaultModelDir}/manifest.json (a checkout without models/?)`,
  { failUnderCi: true },
);

const gateways: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const g of gateways.splice(0)) await g.close();
});

/** A gateway around `classifier` whose model failures are collected. */
function watched(
  classifier: Parameters<typeof testGateway>[0],
  config: Parameters<typeof testGateway>[1] = {},
) {
  const gateway = testGateway(classifier, { batchWindowMs: 0, ...config });
  gateways.push(gateway);
  const failures: GatewayError[] = [];
  gateway.onFailure((error) => failures.push(error));
  return Object.assign(gateway, { failures });
}

describe('a model thread that stops answering or dies', () => {
  test('a call past MODEL_TIMEOUT_MS fails with MODEL_TIMEOUT; later calls fail at once; /ready 503; logged', async () => {
    const gateway = watched(loadFake({ hangOn: 'stuck' }), { modelTimeoutMs: 300 });
    await gateway.whenReady();
    expect((await graphql(gateway, classify('fine'))).status).toBe(200);
    const stuck = await graphql(gateway, classify('stuck'));
    expect(stuck.status).toBe(503);
    expect(stuck.body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/did not answer within MODEL_TIMEOUT_MS = 300 ms/),
      extensions: { code: 'MODEL_TIMEOUT' },
    });
    expect(gateway.state).toBe('failed');
    expect(gateway.failures).toHaveLength(1);
    expect((await gateway.yoga.fetch('http://gateway.test/ready')).status).toBe(503);
    const later = await graphql(gateway, classify('fine'));
    expect(later.body.errors?.[0]?.extensions).toMatchObject({ code: 'MODEL_CRASHED' });
    expect(gateway.log.entries.map((e) => e.msg)).toContain('model stopped; the gateway is not ready');
  });

  test('requests queued behind a stuck call fail with it instead of waiting', async () => {
    const gateway = watched(loadFake({ hangOn: 'stuck' }), { modelTimeoutMs: 300, maxBatchSize: 1 });
    await gateway.whenReady();
    const replies = await Promise.all(
      [classify('stuck'), classify('a'), classify('b')].map((q) => graphql(gateway, q)),
    );
    expect(replies.map((r) => r.body.errors?.[0]?.extensions?.['code'])).toEqual([
      'MODEL_TIMEOUT',
      'MODEL_CRASHED',
      'MODEL_CRASHED',
    ]);
  });

  test('a model whose own threads stopped (WORKER_STOPPED) fails the gateway at once, without waiting for the deadline', async () => {
    const gateway = watched(loadFake({ stopOn: 'dead' }), { modelTimeoutMs: 60_000 });
    await gateway.whenReady();
    const dead = await graphql(gateway, classify('dead'));
    expect(dead.body.errors?.[0]?.extensions).toMatchObject({ code: 'MODEL_CRASHED' });
    await vi.waitFor(() => expect(gateway.state).toBe('failed'));
    expect(gateway.failures).toHaveLength(1);
  });

  test('on the main thread too, a model that reports WORKER_STOPPED fails the gateway', async () => {
    const model = createFakeClassifier({
      onCall: (texts) => {
        if (texts.includes('dead'))
          throw Object.assign(new Error('direction worker stopped'), { code: 'WORKER_STOPPED' });
      },
    });
    const gateway = watched(model);
    await gateway.whenReady();
    await graphql(gateway, classify('dead'));
    expect(gateway.state).toBe('failed');
    expect(gateway.failures[0]?.message).toMatch(/direction worker stopped/);
    expect((await graphql(gateway, classify('fine'))).body.errors?.[0]?.extensions?.['code']).toBe(
      'MODEL_CRASHED',
    );
  });

  describe.skipIf(skip)('the real BiLSTM with a fault injected into its direction worker', () => {
    test.each(['exit', 'hang'] as const)(
      'FAULT:%s fails the held request and every later one; /ready 503',
      async (kind) => {
        const classifier = loadWorkerClassifier({
          modelDir: defaultModelDir,
          loaderUrl: faultLoader,
          logger: memoryLogger().logger,
        });
        const gateway = watched(classifier, { modelTimeoutMs: 2000 });
        await gateway.whenReady();
        expect((await graphql(gateway, classify('A moving, beautifully acted film.'))).status).toBe(200);
        const faulted = await graphql(gateway, classify(`FAULT:${kind}`));
        expect(faulted.status).toBe(503);
        expect(faulted.body.errors?.[0]?.extensions?.['code']).toBe(
          kind === 'exit' ? 'MODEL_CRASHED' : 'MODEL_TIMEOUT',
        );
        await vi.waitFor(() => expect(gateway.state).toBe('failed'));
        expect((await gateway.yoga.fetch('http://gateway.test/ready')).status).toBe(503);
        expect((await graphql(gateway, classify('fine'))).body.errors?.[0]?.extensions?.['code']).toBe(
          'MODEL_CRASHED',
        );
      },
    );
  });
});

/** Starts the real server entry with the fault loader; resolves once it serves. */
function startFaultGateway(
  env: Record<string, string>,
  until: 'listening' | 'model ready' = 'model ready',
): Promise<{ child: ChildProcess; url: string; lines: string[] }> {
  const tsx = createRequire(import.meta.url).resolve('tsx/cli');
  const entry = new URL('../test/fixtures/fault-gateway.ts', import.meta.url).pathname;
  const child = spawn(process.execPath, [tsx, '--conditions=@sentikit/source', entry], {
    env: { ...process.env, PORT: '0', DRAIN_DELAY_MS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    let url = '';
    child.stdout?.setEncoding('utf8');
    let rest = '';
    child.stdout?.on('data', (chunk: string) => {
      const parts = (rest + chunk).split('\n');
      rest = parts.pop() ?? '';
      for (const line of parts.filter(Boolean)) {
        lines.push(line);
        const entry = JSON.parse(line) as { msg: string; url?: string };
        if (entry.msg === 'listening' && entry.url) url = entry.url;
        if (entry.msg === until) resolve({ child, url, lines });
      }
    });
    child.once('exit', (code) => reject(new Error(`gateway exited with ${code}: ${lines.join('\n')}`)));
  });
}

describe.skipIf(skip)('the gateway process', () => {
  test('exits 1 when a direction worker dies, after failing the held request, with the cause in its last line', async () => {
    const { child, url, lines } = await startFaultGateway({ MODEL_TIMEOUT_MS: '2000' });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const reply = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: classify('FAULT:exit') }),
    }).then(async (r) => ({
      status: r.status,
      body: (await r.json()) as { errors: { extensions: { code: string } }[] },
    }));
    expect(reply.status).toBe(503);
    expect(reply.body.errors[0]?.extensions.code).toBe('MODEL_CRASHED');
    expect(await exited).toBe(1);
    const last = JSON.parse(lines.at(-1) as string) as Record<string, unknown>;
    expect(last).toMatchObject({ level: 'error', msg: 'exiting: no model to serve', exitCode: 1 });
    expect(JSON.stringify(last)).toMatch(/direction worker/);
  });

  test('a port in use is one line naming it, exit 1', async () => {
    const { child, url } = await startFaultGateway({}, 'listening');
    const port = new URL(url).port;
    const tsx = createRequire(import.meta.url).resolve('tsx/cli');
    const second = spawn(process.execPath, [tsx, '--conditions=@sentikit/source', 'src/index.ts'], {
      env: { ...process.env, PORT: port },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    second.stderr?.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const code = await new Promise((resolve) => second.once('exit', resolve));
    child.kill('SIGTERM');
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(
      new RegExp(`cannot listen on 127\\.0\\.0\\.1:${port} \\(EADDRINUSE\\); another process uses it`),
    );
  });
});
