import { describe, expect, test, vi } from 'vitest';
import { isGatewayError } from './errors.ts';
import type { FakeModelSpec } from './fake-model-loader.ts';
import { startServer } from './serve.ts';
import { graphql, memoryLogger, testGateway } from './test-support.ts';
import { loadWorkerClassifier } from './worker-classifier.ts';

const loaderUrl = new URL('./fake-model-loader.ts', import.meta.url);
const loadFake = (spec: FakeModelSpec, logger = memoryLogger().logger) =>
  loadWorkerClassifier({ modelDir: JSON.stringify(spec), loaderUrl, logger });
const get = (gateway: { yoga: { fetch: (url: string) => Promise<Response> | Response } }, path: string) =>
  Promise.resolve(gateway.yoga.fetch(`http://gateway.test${path}`));
const classify = '{ classify(text: "A great film") { label } }';

describe('the gateway serving a model on a worker thread', () => {
  test('/ready is 503 until the worker has loaded; model info and the tensor gauge come from the worker', async () => {
    const loading = loadFake({ loadDelayMs: 300 });
    const gateway = testGateway(loading);
    const early = await get(gateway, '/ready');
    expect(early.status).toBe(503);
    expect(await early.json()).toEqual({ status: 'loading' });
    await gateway.whenReady();
    expect((await get(gateway, '/ready')).status).toBe(200);
    const reply = await graphql(gateway, `${classify.slice(0, -1)} model { backend } }`);
    expect(reply.body.data).toEqual({ classify: { label: 'positive' }, model: { backend: 'fake-worker' } });
    expect(await (await get(gateway, '/metrics')).text()).toContain('gateway_tfjs_tensors 4');
    await gateway.close();
    await expect((await loading).classify(['x'])).rejects.toSatisfy((e) =>
      isGatewayError(e, 'SHUTTING_DOWN'),
    );
  });

  test("a model error is masked for the client and logged with the worker's code", async () => {
    const gateway = testGateway(loadFake({ failOn: 'poison' }), { batchWindowMs: 0 });
    await gateway.whenReady();
    const reply = await graphql(gateway, '{ classify(text: "poison") { label } }');
    expect(reply.body.errors?.[0]?.message).toBe('Unexpected error.');
    const logged = gateway.log.entries.find((e) => e.msg === 'model call failed');
    expect(logged).toMatchObject({ level: 'error', err: { code: 'FAKE_FAILED' } });
    expect((await graphql(gateway, classify)).body.data).toEqual({ classify: { label: 'positive' } });
    await gateway.close();
  });

  test('a worker crash fails the held request with MODEL_CRASHED (503), turns /ready to failed, and is logged', async () => {
    const log = memoryLogger();
    const gateway = testGateway(loadFake({ crashOn: { text: 'boom', how: 'exit' } }, log.logger));
    await gateway.whenReady();
    const crashed = await graphql(gateway, '{ classify(text: "boom") { label } }');
    expect(crashed.status).toBe(503);
    expect(crashed.body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/model worker stopped \(thread exited with code 3\)/),
      extensions: { code: 'MODEL_CRASHED' },
    });
    await vi.waitFor(() => expect(gateway.state).toBe('failed'));
    const ready = await get(gateway, '/ready');
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'failed' });
    const later = await graphql(gateway, classify);
    expect(later.status).toBe(503);
    expect(later.body.errors?.[0]?.extensions).toMatchObject({ code: 'MODEL_CRASHED' });
    expect(log.entries.map((e) => e.msg)).toContain('model worker crashed');
    expect(gateway.log.entries.map((e) => e.msg)).toContain('model stopped; the gateway is not ready');
    expect(await (await get(gateway, '/metrics')).text()).toContain('gateway_model_ready 0');
    await gateway.close();
  });

  test('graceful shutdown finishes the in-flight request, then stops the worker; exit code 0', async () => {
    const worker = loadFake({ overheadMs: 300 });
    const { logger, entries } = memoryLogger();
    const running = await startServer({ classifier: worker, logger, config: { nodeEnv: 'test' } });
    await running.gateway.whenReady();
    const inFlight = fetch(`${running.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: classify }),
    });
    await vi.waitFor(() => expect(running.gateway.batcher.inFlight).toBe(1));
    const code = await running.shutdown('SIGTERM');
    const reply = await inFlight;
    expect(reply.status).toBe(200);
    expect(await reply.json()).toEqual({ data: { classify: { label: 'positive' } } });
    expect(code).toBe(0);
    await expect((await worker).classify(['x'])).rejects.toSatisfy((e) => isGatewayError(e, 'SHUTTING_DOWN'));
    expect(entries.filter((e) => e.level === 'error')).toEqual([]);
  });
});
