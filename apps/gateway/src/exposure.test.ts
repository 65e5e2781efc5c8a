import { describe, expect, test } from 'vitest';
import { createFakeClassifier } from './fake-classifier.ts';
import { startServer } from './serve.ts';
import { graphql, memoryLogger, testGateway } from './test-support.ts';
import { createGateway } from './yoga.ts';

const key = 'k3y-that-is-long-enough-0123';
const post = (body: string, headers: Record<string, string>) => ({ method: 'POST', headers, body });
const classifyBody = JSON.stringify({ query: '{ classify(text: "great") { label } }' });

describe('safe by default (production unless asked)', () => {
  const gateway = createGateway({
    classifier: createFakeClassifier({
      onCall: (texts) => {
        if (texts.includes('boom')) throw new Error('failed at /srv/secret/path.ts:12');
      },
    }),
  });

  test('an unexpected error is masked: no message, no stack, no path', async () => {
    const reply = await graphql(gateway, '{ classify(text: "boom") { label } }');
    expect(reply.body.errors?.[0]).toEqual({
      message: 'Unexpected error.',
      locations: expect.any(Array),
      path: ['classify'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(JSON.stringify(reply.body)).not.toMatch(/secret|stack|originalError/);
  });

  test('GraphiQL is not served and introspection is refused', async () => {
    const page = await gateway.yoga.fetch('http://gateway.test/graphql', {
      headers: { accept: 'text/html' },
    });
    expect(await page.text()).not.toMatch(/graphiql/i);
    const reply = await graphql(gateway, '{ __schema { types { name } } }');
    expect(reply.body.data).toBeUndefined();
    expect(reply.body.errors?.[0]?.message).toMatch(/introspection/i);
  });

  test('no CORS headers for any origin', async () => {
    const preflight = await gateway.yoga.fetch('http://gateway.test/graphql', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
  });

  test.each([
    [
      'application/x-www-form-urlencoded',
      `query=${encodeURIComponent('{ classify(text: "great") { label } }')}`,
    ],
    ['text/plain', classifyBody],
  ])(
    'a %s POST (sent cross-site without preflight) is refused with 403 and never runs',
    async (type, body) => {
      const fake = createFakeClassifier();
      const g = createGateway({ classifier: fake });
      const reply = await g.yoga.fetch('http://gateway.test/graphql', post(body, { 'content-type': type }));
      expect(reply.status).toBe(403);
      expect(fake.calls).toEqual([]);
    },
  );

  test('a JSON POST is served', async () => {
    const reply = await gateway.yoga.fetch(
      'http://gateway.test/graphql',
      post(classifyBody, { 'content-type': 'application/json' }),
    );
    expect(reply.status).toBe(200);
  });
});

describe('asked for explicitly', () => {
  test('debugErrors shows the masked error; graphiql and introspection can be turned on', async () => {
    const gateway = testGateway(
      createFakeClassifier({
        onCall: () => {
          throw new Error('detail');
        },
      }),
      {
        debugErrors: true,
        introspection: true,
      },
    );
    expect(JSON.stringify((await graphql(gateway, '{ classify(text: "x y") { label } }')).body)).toContain(
      'detail',
    );
    expect((await graphql(gateway, '{ __schema { queryType { name } } }')).body.data).toBeDefined();
  });

  test('CORS_ORIGINS allows exactly the listed origins, without credentials', async () => {
    const gateway = testGateway(createFakeClassifier(), { corsOrigins: ['https://app.example'] });
    const ask = (origin: string) =>
      gateway.yoga.fetch('http://gateway.test/graphql', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
    const allowed = await ask('https://app.example');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(allowed.headers.get('access-control-allow-credentials')).not.toBe('true');
    expect((await ask('https://evil.example')).headers.get('access-control-allow-origin')).not.toBe(
      'https://evil.example',
    );
  });
});

describe('API keys', () => {
  const fake = createFakeClassifier();
  const gateway = testGateway(fake, { apiKeys: [key] });
  const call = (headers: Record<string, string>, path = '/graphql') =>
    gateway.yoga.fetch(
      `http://gateway.test${path}`,
      post(classifyBody, { 'content-type': 'application/json', ...headers }),
    );

  test('no key, or a wrong one, is 401 UNAUTHENTICATED and never reaches the model', async () => {
    for (const headers of <Record<string, string>[]>[
      {},
      { authorization: 'Bearer wrong-key-wrong-key-0' },
      { 'x-api-key': `${key}x` },
    ]) {
      const reply = await call(headers);
      expect(reply.status).toBe(401);
      expect(reply.headers.get('www-authenticate')).toBe('Bearer');
      expect(await reply.json()).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    }
    expect(fake.calls).toEqual([]);
    const metrics = await gateway.yoga.fetch('http://gateway.test/metrics');
    expect(metrics.status).toBe(401);
  });

  test('a valid key as a bearer token or X-Api-Key is served; probes stay open', async () => {
    expect((await call({ authorization: `Bearer ${key}` })).status).toBe(200);
    expect((await call({ 'x-api-key': key })).status).toBe(200);
    expect((await gateway.yoga.fetch('http://gateway.test/health')).status).toBe(200);
    expect((await gateway.yoga.fetch('http://gateway.test/ready')).status).toBe(200);
    expect(
      (await gateway.yoga.fetch('http://gateway.test/metrics', { headers: { 'x-api-key': key } })).status,
    ).toBe(200);
  });
});

test('METRICS_PORT: /metrics on its own listener and not on the main port', async () => {
  const running = await startServer({
    classifier: createFakeClassifier(),
    logger: memoryLogger().logger,
    config: { metricsEndpoint: false },
    metricsPort: 0,
  });
  expect(running.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  const own = await fetch(`${running.metricsUrl}/metrics`);
  expect(own.status).toBe(200);
  expect(await own.text()).toContain('gateway_queue_depth');
  expect((await fetch(`${running.url}/metrics`)).status).toBe(404);
  expect(await running.shutdown('test')).toBe(0);
});

test('a text with no words is EMPTY_TEXT (400), named by its index in a batch', async () => {
  const gateway = testGateway(createFakeClassifier());
  const one = await graphql(gateway, '{ classify(text: "\\u200b ... !!!") { label } }');
  expect(one.status).toBe(400);
  expect(one.body.errors?.[0]).toMatchObject({
    message: expect.stringMatching(/^text has no words the model can read/),
    extensions: { code: 'EMPTY_TEXT' },
  });
  const batch = await graphql(gateway, '{ classifyBatch(texts: ["good", "!!!"]) { label } }');
  expect(batch.body.errors?.[0]?.message).toMatch(/^texts\[1\] has no words/);
});
