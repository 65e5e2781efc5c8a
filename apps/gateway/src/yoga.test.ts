import { describe, expect, test, vi } from 'vitest';
import { createFakeClassifier } from './fake-classifier.ts';
import { gatedClassifier, graphql, testGateway } from './test-support.ts';

const classifyQuery = `query ($text: String!) {
  classify(text: $text) { label sentiment score probabilities { label probability } tokens truncated }
}`;

describe('classify and classifyBatch', () => {
  test('classify answers with the model label, and the Sentiment enum for a negative/positive model', async () => {
    const fake = createFakeClassifier({ maxLength: 3 });
    const gateway = testGateway(fake);
    const reply = await graphql(gateway, classifyQuery, { text: 'A great, moving film that I loved' });
    expect(reply.status).toBe(200);
    const [expected] = await fake.classify(['A great, moving film that I loved']);
    expect(reply.body.data?.['classify']).toEqual({
      label: 'positive',
      sentiment: 'POSITIVE',
      score: expected?.score,
      probabilities: [
        { label: 'negative', probability: expected?.probabilities[0]?.probability },
        { label: 'positive', probability: expected?.probabilities[1]?.probability },
      ],
      tokens: 7,
      truncated: true,
    });
  });

  test('classifyBatch answers in order, through one model call', async () => {
    const fake = createFakeClassifier();
    const gateway = testGateway(fake, { batchWindowMs: 0 });
    const texts = ['awful and boring', 'great fun', 'a film'];
    const reply = await graphql(gateway, 'query ($t: [String!]!) { classifyBatch(texts: $t) { label } }', {
      t: texts,
    });
    expect(reply.body.data?.['classifyBatch']).toEqual([
      { label: 'negative' },
      { label: 'positive' },
      { label: 'positive' },
    ]);
    expect(fake.calls).toEqual([texts]);
  });

  test('concurrent classify requests share model calls', async () => {
    const fake = createFakeClassifier();
    const gateway = testGateway(fake, { batchWindowMs: 20, maxBatchSize: 8 });
    const texts = Array.from({ length: 8 }, (_, i) => `review number ${i} was great`);
    const replies = await Promise.all(texts.map((text) => graphql(gateway, classifyQuery, { text })));
    expect(replies.every((r) => r.status === 200 && !r.body.errors)).toBe(true);
    expect(fake.calls.flat().sort()).toEqual([...texts].sort());
    expect(fake.calls.length).toBeLessThan(texts.length);
  });

  test('model describes the served model, with metrics as a sorted name/value list', async () => {
    const gateway = testGateway(createFakeClassifier({ info: { metrics: { f1: 0.88, accuracy: 0.9 } } }));
    const reply = await graphql(
      gateway,
      '{ model { name version family labels vocabularySize maxLength backend metrics { name value } } }',
    );
    expect(reply.body.data?.['model']).toEqual({
      name: 'imdb-bilstm',
      version: 'fake',
      family: 'bilstm',
      labels: ['negative', 'positive'],
      vocabularySize: 20000,
      maxLength: 200,
      backend: 'fake',
      metrics: [
        { name: 'accuracy', value: 0.9 },
        { name: 'f1', value: 0.88 },
      ],
    });
    const none = testGateway(createFakeClassifier({ info: { metrics: null } }));
    expect((await graphql(none, '{ model { metrics { name } } }')).body.data).toEqual({
      model: { metrics: null },
    });
  });

  test('model labels map to the enum case-insensitively', async () => {
    const gateway = testGateway(createFakeClassifier({ info: { labels: ['Negative', 'POSITIVE'] } }));
    const reply = await graphql(gateway, classifyQuery, { text: 'bad' });
    expect(reply.body.data?.['classify']).toMatchObject({ label: 'Negative', sentiment: 'NEGATIVE' });
  });

  test('any labels are served as named: three classes, or a binary model that is not negative/positive', async () => {
    const three = testGateway(
      createFakeClassifier({ info: { labels: ['negative', 'neutral', 'positive'] } }),
    );
    const reply = await graphql(
      three,
      'query ($t: [String!]!) { classifyBatch(texts: $t) { label sentiment probabilities { label } } model { labels } }',
      { t: ['awful', 'a film', 'great fun'] },
    );
    expect(reply.body.errors).toBeUndefined();
    const labels = ['negative', 'neutral', 'positive'].map((label) => ({ label }));
    expect(reply.body.data).toEqual({
      classifyBatch: ['negative', 'neutral', 'positive'].map((label) => ({
        label,
        sentiment: null,
        probabilities: labels,
      })),
      model: { labels: ['negative', 'neutral', 'positive'] },
    });
    const spam = testGateway(createFakeClassifier({ info: { labels: ['ham', 'spam'] } }));
    expect((await graphql(spam, classifyQuery, { text: 'great' })).body.data?.['classify']).toMatchObject({
      label: 'spam',
      sentiment: null,
    });
  });
});

describe('errors', () => {
  test('a full queue fails at once with OVERLOADED and HTTP 503', async () => {
    const gated = gatedClassifier(createFakeClassifier());
    const gateway = testGateway(gated, {
      queueSize: 2,
      maxBatch: 2,
      maxRequestTexts: 2,
      maxBatchSize: 2,
      batchWindowMs: 0,
    });
    const batchQuery = 'query ($t: [String!]!) { classifyBatch(texts: $t) { label } }';
    const running = graphql(gateway, batchQuery, { t: ['a', 'b'] });
    await vi.waitFor(() => expect(gated.pending).toBe(1));
    const waiting = graphql(gateway, batchQuery, { t: ['c', 'd'] });
    await vi.waitFor(() => expect(gateway.batcher.queueDepth).toBe(2));
    const refused = await graphql(gateway, classifyQuery, { text: 'e' });
    expect(refused.status).toBe(503);
    expect(refused.body.errors?.[0]?.extensions?.['code']).toBe('OVERLOADED');
    expect(refused.body.errors?.[0]?.message).toMatch(/queue is full.*QUEUE_SIZE 2/);
    gated.release();
    await vi.waitFor(() => expect(gated.pending).toBe(1));
    gated.release();
    expect((await running).status).toBe(200);
    expect((await waiting).body.data?.['classifyBatch']).toHaveLength(2);
    const metrics = await (await gateway.yoga.fetch('http://gateway.test/metrics')).text();
    expect(metrics).toContain('gateway_rejected_requests_total{code="OVERLOADED"} 1');
  });

  test('an unexpected model error is masked for the client and logged with its details', async () => {
    const gateway = testGateway(
      createFakeClassifier({
        onCall: () => {
          throw new Error('tensor shape [1,200] secret detail');
        },
      }),
    );
    const reply = await graphql(gateway, classifyQuery, { text: 'fine' });
    expect(reply.body.errors?.[0]?.message).toBe('Unexpected error.');
    expect(JSON.stringify(reply.body)).not.toContain('secret');
    const logged = gateway.log.entries.filter((e) => e.level === 'error');
    expect(logged.map((e) => e.msg)).toContain('model call failed');
    expect(gateway.log.text()).toContain('tensor shape [1,200] secret detail');
  });

  test('a model answering a label it does not have is an internal error, masked and logged', async () => {
    const fake = createFakeClassifier();
    const gateway = testGateway({
      ...fake,
      classify: async (texts: readonly string[]) =>
        (await fake.classify(texts)).map((c) => ({ ...c, label: 'neutral' })),
    });
    const reply = await graphql(gateway, classifyQuery, { text: 'great' });
    expect(reply.body.errors?.[0]?.message).toBe('Unexpected error.');
    expect(gateway.log.text()).toContain('the model returned label \\"neutral\\"');
  });

  test('a model the gateway cannot serve is refused when it loads, never at the first request', async () => {
    const bad = createFakeClassifier({ info: { labels: ['good', 'good'] } });
    const dispose = vi.spyOn(bad, 'dispose');
    const gateway = testGateway(Promise.resolve(bad));
    await expect(gateway.whenReady()).rejects.toThrow(/cannot serve model "imdb-bilstm": its labels repeat/);
    expect(gateway.state).toBe('failed');
    expect(dispose).toHaveBeenCalledTimes(1);
    expect(() => testGateway(bad)).toThrow(/cannot serve model/);
  });

  test('before the model is loaded queries fail with MODEL_NOT_READY (503); afterwards they work', async () => {
    let load: (c: ReturnType<typeof createFakeClassifier>) => void = () => {};
    const gateway = testGateway(new Promise((resolve) => (load = resolve)));
    const early = await graphql(gateway, classifyQuery, { text: 'great' });
    expect(early.status).toBe(503);
    expect(early.body.errors?.[0]?.extensions?.['code']).toBe('MODEL_NOT_READY');
    load(createFakeClassifier());
    await gateway.whenReady();
    expect((await graphql(gateway, classifyQuery, { text: 'great' })).status).toBe(200);
  });

  test('a model that fails to load leaves the gateway failed, and says so in the log', async () => {
    const gateway = testGateway(Promise.reject(new Error('no such folder: /models/x')));
    await expect(gateway.whenReady()).rejects.toThrow('no such folder');
    expect(gateway.state).toBe('failed');
    const reply = await graphql(gateway, '{ model { name } }');
    expect(reply.body.errors?.[0]?.message).toBe('the model failed to load');
    expect(gateway.log.entries.find((e) => e.msg === 'model failed to load')).toBeDefined();
  });

  test('a model that finishes loading after close is disposed at once', async () => {
    const fake = createFakeClassifier();
    const dispose = vi.spyOn(fake, 'dispose');
    let load: (c: typeof fake) => void = () => {};
    const gateway = testGateway(new Promise<typeof fake>((resolve) => (load = resolve)));
    await gateway.close();
    load(fake);
    await gateway.whenReady();
    await vi.waitFor(() => expect(dispose).toHaveBeenCalledTimes(1));
    expect(gateway.classifier).toBeUndefined();
  });

  test('after close, classifications fail with SHUTTING_DOWN and the model is disposed', async () => {
    const fake = createFakeClassifier();
    const dispose = vi.spyOn(fake, 'dispose');
    const gateway = testGateway(fake);
    await gateway.whenReady();
    await gateway.close();
    await gateway.close();
    expect(dispose).toHaveBeenCalledTimes(1);
    const reply = await graphql(gateway, classifyQuery, { text: 'late' });
    expect(reply.status).toBe(503);
    expect(reply.body.errors?.[0]?.extensions?.['code']).toBe('SHUTTING_DOWN');
    expect(gateway.state).toBe('draining');
  });
});
