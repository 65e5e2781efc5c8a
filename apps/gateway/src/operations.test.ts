import { describe, expect, test } from 'vitest';
import { createFakeClassifier } from './fake-classifier.ts';
import { graphql, testGateway } from './test-support.ts';

const get = (gateway: ReturnType<typeof testGateway>, path: string, headers: Record<string, string> = {}) =>
  gateway.yoga.fetch(`http://gateway.test${path}`, { headers });

describe('operations endpoints', () => {
  test('/health answers 200 even while the model loads', async () => {
    const gateway = testGateway(new Promise(() => {}));
    expect((await get(gateway, '/health')).status).toBe(200);
  });

  test('/ready is 503 while loading, 200 when loaded, 503 once draining', async () => {
    let load: (c: ReturnType<typeof createFakeClassifier>) => void = () => {};
    const gateway = testGateway(new Promise((resolve) => (load = resolve)));
    const loading = await get(gateway, '/ready');
    expect(loading.status).toBe(503);
    expect(await loading.json()).toEqual({ status: 'loading' });
    load(createFakeClassifier());
    await gateway.whenReady();
    const ready = await get(gateway, '/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
    gateway.drain();
    expect((await get(gateway, '/ready')).status).toBe(503);
  });

  test('/ready stays 503 when the model failed to load', async () => {
    const gateway = testGateway(Promise.reject(new Error('corrupt weights')));
    await gateway.whenReady().catch(() => {});
    const reply = await get(gateway, '/ready');
    expect(reply.status).toBe(503);
    expect(await reply.json()).toEqual({ status: 'failed' });
  });

  test('/metrics serves every gateway metric in the Prometheus text format', async () => {
    const gateway = testGateway(createFakeClassifier(), { batchWindowMs: 0 });
    await graphql(gateway, 'query { a: classify(text: "great fun") { label } }');
    await graphql(gateway, 'query ($t: [String!]!) { classifyBatch(texts: $t) { label } }', {
      t: ['awful', 'boring and bad', 'loved it'],
    });
    await get(gateway, '/health');
    const response = await get(gateway, '/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toContain('gateway_classifications_total{label="positive"} 2');
    expect(text).toContain('gateway_classifications_total{label="negative"} 2');
    expect(text).toContain('gateway_batch_size_count 2');
    expect(text).toContain('gateway_batch_size_sum 4');
    expect(text).toContain('gateway_queue_depth 0');
    expect(text).toContain('gateway_tfjs_tensors 4');
    expect(text).toContain('gateway_model_ready 1');
    expect(text).toMatch(/gateway_process_resident_memory_bytes \d+/);
    expect(text).toMatch(/gateway_model_call_duration_seconds_count\{outcome="ok"\} 2/);
    expect(text).toMatch(
      /gateway_http_request_duration_seconds_count\{route="\/graphql",method="POST",status="200"\} 2/,
    );
    expect(text).toMatch(
      /gateway_http_request_duration_seconds_count\{route="\/health",method="GET",status="200"\} 1/,
    );
    expect(text).toMatch(
      /gateway_graphql_operation_duration_seconds_count\{field="classify",outcome="ok"\} 1/,
    );
    expect(text).toMatch(
      /gateway_graphql_operation_duration_seconds_count\{field="classifyBatch",outcome="ok"\} 1/,
    );
  });

  test('unknown paths are 404 and counted under route="other"', async () => {
    const gateway = testGateway(createFakeClassifier());
    expect((await get(gateway, '/nope/12345')).status).toBe(404);
    const text = await (await get(gateway, '/metrics')).text();
    expect(text).toContain('route="other",method="GET",status="404"');
    expect(text).not.toContain('12345');
  });

  test('each gateway has its own registry', async () => {
    const one = testGateway(createFakeClassifier());
    const two = testGateway(createFakeClassifier());
    await graphql(one, '{ classify(text: "great") { label } }');
    expect(await (await get(two, '/metrics')).text()).not.toContain('gateway_classifications_total{');
  });
});

describe('GraphiQL', () => {
  test('is served (bundled, no CDN) for browsers outside production', async () => {
    const gateway = testGateway(createFakeClassifier(), { nodeEnv: 'development' });
    const response = await get(gateway, '/graphql', { accept: 'text/html' });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('SentiKit gateway');
    expect(html).not.toMatch(/<script[^>]+src="https?:/);
  });

  test('is off in production', async () => {
    const gateway = testGateway(createFakeClassifier(), { nodeEnv: 'production' });
    const response = await get(gateway, '/graphql', { accept: 'text/html' });
    expect(response.headers.get('content-type') ?? '').not.toContain('text/html');
  });
});
