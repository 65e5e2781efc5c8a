import { request } from 'node:http';
import { describe, expect, test, vi } from 'vitest';
import { createFakeClassifier } from './fake-classifier.ts';
import { startServer } from './serve.ts';
import { gatedClassifier, graphql, memoryLogger, testGateway } from './test-support.ts';

/** An operation with `aliases` classifyBatch fields of `size` texts each. */
function aliased(aliases: number, size: number): string {
  const texts = JSON.stringify(Array.from({ length: size }, (_, i) => `text ${i} great`));
  const fields = Array.from({ length: aliases }, (_, i) => `a${i}: classifyBatch(texts: ${texts}) { label }`);
  return `{ ${fields.join(' ')} }`;
}

describe('whole-request admission', () => {
  test('a literal operation over the token limit is QUERY_TOO_COMPLEX (400) without a "Syntax Error" prefix', async () => {
    const reply = await graphql(testGateway(createFakeClassifier()), aliased(16, 64));
    expect(reply.status).toBe(400);
    expect(reply.body.errors?.[0]).toEqual({
      message: 'Token limit of 1000 exceeded. Send a smaller operation (fewer fields, aliases or nesting).',
      extensions: { code: 'QUERY_TOO_COMPLEX' },
    });
  });

  test('too deep and too many aliases are QUERY_TOO_COMPLEX (400) too', async () => {
    const gateway = testGateway(createFakeClassifier(), { maxDepth: 1, maxAliases: 1 });
    const deep = await graphql(gateway, '{ model { metrics { name } } }');
    expect(deep.status).toBe(400);
    expect(deep.body.errors?.[0]?.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX' });
    expect(deep.body.errors?.[0]?.message).toMatch(/^Query depth limit of 1 exceeded/);
    const aliases = await graphql(gateway, '{ a: model { name } b: model { name } }');
    expect(aliases.status).toBe(400);
    expect(aliases.body.errors?.[0]?.message).toMatch(/^Aliases limit of 1 exceeded/);
  });

  test('16 aliases of classifyBatch(64) are refused whole with TOO_MANY_TEXTS (400); the model sees nothing', async () => {
    const fake = createFakeClassifier();
    const gateway = testGateway(fake);
    // As the probe sent it: one variable of 64 texts, used by 16 aliases (literals would hit the token limit).
    const fields = Array.from({ length: 16 }, (_, i) => `a${i}: classifyBatch(texts: $t) { label }`);
    const texts = Array.from({ length: 64 }, (_, i) => `text ${i}`);
    const reply = await graphql(gateway, `query ($t: [String!]!) { ${fields.join(' ')} }`, { t: texts });
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toHaveLength(1);
    expect(reply.body.errors?.[0]).toMatchObject({
      message: 'the request sends 1024 texts over all its fields; the limit is MAX_REQUEST_TEXTS = 64',
      extensions: { code: 'TOO_MANY_TEXTS' },
    });
    expect(fake.calls).toEqual([]);
    expect(gateway.batcher.committed).toBe(0);
  });

  test('texts are counted across aliases, fragments and variables; @skip-ped fields do not count', async () => {
    const fake = createFakeClassifier();
    const gateway = testGateway(fake, { maxRequestTexts: 4, maxBatch: 4 });
    const query = `query ($t: [String!]!, $skip: Boolean!) {
      a: classify(text: "good") { label }
      ...F
      c: classifyBatch(texts: $t) @skip(if: $skip) { label }
    }
    fragment F on Query { b: classifyBatch(texts: $t) { label } }`;
    const refused = await graphql(gateway, query, { t: ['x', 'y'], skip: false });
    expect(refused.body.errors?.[0]?.message).toMatch(/sends 5 texts/);
    expect(fake.calls).toEqual([]);
    const served = await graphql(gateway, query, { t: ['x', 'y'], skip: true });
    expect(served.status).toBe(200);
    expect(Object.keys(served.body.data ?? {})).toEqual(['a', 'b']);
  });

  test('a request that does not fit the queue is refused whole with OVERLOADED; none of its texts is computed', async () => {
    const gated = gatedClassifier(createFakeClassifier());
    const calls: string[][] = [];
    const spy = {
      ...gated,
      info: gated.info,
      classify: (t: readonly string[]) => {
        calls.push([...t]);
        return gated.classify(t);
      },
    };
    const gateway = testGateway(spy, {
      queueSize: 8,
      maxRequestTexts: 8,
      maxClientTexts: 8,
      maxBatch: 4,
      maxBatchSize: 4,
      batchWindowMs: 0,
    });
    const first = graphql(gateway, aliased(1, 4));
    await vi.waitFor(() => expect(gated.pending).toBe(1));
    const second = graphql(gateway, aliased(1, 4));
    await vi.waitFor(() => expect(gateway.batcher.queueDepth).toBe(4));
    // 6 more texts than fit: nothing of it may run.
    const refused = await graphql(
      gateway,
      `{ a: classifyBatch(texts: ["r1","r2","r3"]) { label } b: classifyBatch(texts: ["r4","r5","r6"]) { label } }`,
    );
    expect(refused.status).toBe(503);
    expect(refused.body.errors?.map((e) => e.extensions?.['code'])).toEqual(['OVERLOADED']);
    gated.release();
    await vi.waitFor(() => expect(gated.pending).toBe(1));
    gated.release();
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
    expect(calls.flat().filter((t) => t.startsWith('r'))).toEqual([]);
  });

  test('one client cannot take more than MAX_CLIENT_TEXTS of the queue; another client still gets in', async () => {
    const gated = gatedClassifier(createFakeClassifier());
    const gateway = testGateway(gated, {
      queueSize: 64,
      maxClientTexts: 8,
      maxRequestTexts: 8,
      maxBatch: 8,
      maxBatchSize: 8,
      batchWindowMs: 0,
    });
    const as = (address: string) => ({ req: { socket: { remoteAddress: address } } });
    const post = (address: string, query: string) =>
      gateway.yoga.fetch(
        'http://gateway.test/graphql',
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) },
        as(address),
      );
    const running = post('10.0.0.1', aliased(1, 8));
    await vi.waitFor(() => expect(gated.pending).toBe(1));
    const waiting = post('10.0.0.1', aliased(1, 8));
    await vi.waitFor(() => expect(gateway.batcher.queueDepth).toBe(8));
    const greedy = await post('10.0.0.1', aliased(1, 1));
    expect(greedy.status).toBe(503);
    expect(((await greedy.json()) as { errors: { message: string }[] }).errors[0]?.message).toMatch(
      /MAX_CLIENT_TEXTS = 8/,
    );
    const other = post('10.0.0.2', aliased(1, 1));
    await vi.waitFor(() => expect(gateway.batcher.queueDepth).toBe(9));
    for (let i = 0; i < 3; i++) {
      gated.release();
      await new Promise((r) => setTimeout(r, 10));
    }
    await vi.waitFor(async () => {
      gated.release();
      expect(gated.pending).toBe(0);
    });
    expect((await running).status).toBe(200);
    expect((await waiting).status).toBe(200);
    expect((await other).status).toBe(200);
  });
});

describe('a client that goes away (real sockets)', () => {
  test('its texts still queued leave the queue and are never computed', async () => {
    const gated = gatedClassifier(createFakeClassifier());
    const calls: string[][] = [];
    const spy = {
      info: gated.info,
      classify: (t: readonly string[]) => {
        calls.push([...t]);
        return gated.classify(t);
      },
    };
    const running = await startServer({
      classifier: spy,
      logger: memoryLogger().logger,
      config: { batchWindowMs: 0, maxBatchSize: 4, maxBatch: 4, maxRequestTexts: 4 },
    });
    const body = (texts: string[]) =>
      JSON.stringify({ query: `{ classifyBatch(texts: ${JSON.stringify(texts)}) { label } }` });
    const busy = fetch(`${running.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body(['a']),
    });
    await vi.waitFor(() => expect(gated.pending).toBe(1));
    const req = request(`${running.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });
    req.on('error', () => undefined);
    req.end(body(['gone1', 'gone2', 'gone3']));
    await vi.waitFor(() => expect(running.gateway.batcher.queueDepth).toBe(3));
    req.destroy();
    await vi.waitFor(() => expect(running.gateway.batcher.queueDepth).toBe(0));
    expect(running.gateway.batcher.committed).toBe(0);
    gated.release();
    expect((await busy).status).toBe(200);
    expect(calls.flat()).toEqual(['a']);
    expect(await running.shutdown('test')).toBe(0);
  });
});
