import { describe, expect, test } from 'vitest';
import { createFakeClassifier } from './fake-classifier.ts';
import { graphql, testGateway } from './test-support.ts';

const classify = 'query ($text: String!) { classify(text: $text) { label } }';
const batch = 'query ($texts: [String!]!) { classifyBatch(texts: $texts) { label } }';

function expectBadInput(reply: Awaited<ReturnType<typeof graphql>>, message: RegExp) {
  expect(reply.status).toBe(400);
  expect(reply.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  expect(reply.body.errors?.[0]?.message).toMatch(message);
}

describe('input limits', () => {
  const fake = createFakeClassifier();
  const gateway = testGateway(fake, { maxTextChars: 20, maxBatch: 3 });

  test('empty and whitespace-only texts are BAD_USER_INPUT', async () => {
    expectBadInput(await graphql(gateway, classify, { text: '' }), /^text must not be empty/);
    expectBadInput(await graphql(gateway, classify, { text: ' \n\t ' }), /^text must not be empty/);
  });

  test('a text over MAX_TEXT_CHARS is BAD_USER_INPUT naming the limit; exactly the limit is fine', async () => {
    expectBadInput(
      await graphql(gateway, classify, { text: 'x'.repeat(21) }),
      /^text is 21 characters long; the limit is MAX_TEXT_CHARS = 20$/,
    );
    expect((await graphql(gateway, classify, { text: 'x'.repeat(20) })).status).toBe(200);
    // Characters are code points: 10 emoji and 10 letters are 30 UTF-16 units but 20 characters.
    expect((await graphql(gateway, classify, { text: 'a😀'.repeat(10) })).status).toBe(200);
  });

  test('a batch over MAX_BATCH is BAD_USER_INPUT naming the limit', async () => {
    expectBadInput(
      await graphql(gateway, batch, { texts: ['a', 'b', 'c', 'd'] }),
      /^texts has 4 texts; the limit is MAX_BATCH = 3$/,
    );
  });

  test('a bad text inside a batch is named by its index', async () => {
    expectBadInput(await graphql(gateway, batch, { texts: ['fine', ''] }), /^texts\[1\] must not be empty/);
  });

  test('rejected input never reaches the model', () => {
    expect(fake.calls.flat().every((t) => t.trim().length > 0 && [...t].length <= 20)).toBe(true);
  });

  test('an empty batch gives an empty list without a model call', async () => {
    const fresh = createFakeClassifier();
    const reply = await graphql(testGateway(fresh), batch, { texts: [] });
    expect(reply.body.data).toEqual({ classifyBatch: [] });
    expect(fresh.calls).toEqual([]);
  });
});

describe('GraphQL Armor limits', () => {
  const gateway = testGateway(createFakeClassifier(), { maxDepth: 4, maxAliases: 3, maxTokens: 200 });

  test('a query deeper than the limit is rejected before execution', async () => {
    const deep = '{ __type(name: "Query") { fields { type { ofType { ofType { name } } } } } }';
    const reply = await graphql(gateway, deep);
    expect(reply.body.data).toBeUndefined();
    expect(reply.body.errors?.[0]?.message).toMatch(/depth/i);
  });

  test('too many aliases are rejected', async () => {
    const aliases = `{ ${['a', 'b', 'c', 'd', 'e'].map((a) => `${a}: classify(text: "x") { label }`).join(' ')} }`;
    const reply = await graphql(gateway, aliases);
    expect(reply.body.data).toBeUndefined();
    expect(reply.body.errors?.[0]?.message).toMatch(/alias/i);
  });

  test('too many tokens are rejected', async () => {
    const many = `{ model { ${Array.from({ length: 250 }, () => 'name').join(' ')} } }`;
    const reply = await graphql(gateway, many);
    expect(reply.body.data).toBeUndefined();
    expect(reply.body.errors?.[0]?.message).toMatch(/token/i);
  });

  test('an ordinary query within the limits runs', async () => {
    const reply = await graphql(gateway, '{ a: classify(text: "great") { label } model { name } }');
    expect(reply.body.errors).toBeUndefined();
  });
});

describe('request body limit', () => {
  const gateway = testGateway(createFakeClassifier(), { maxBodyBytes: 1024 });
  const body = (text: string) => JSON.stringify({ query: classify, variables: { text } });

  test('a body whose Content-Length is over MAX_BODY_BYTES gets 413 before it is parsed', async () => {
    const big = body('y'.repeat(2000));
    const response = await gateway.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(big.length) },
      body: big,
    });
    expect(response.status).toBe(413);
    expect(await response.text()).toMatch(/too large/i);
  });

  test('a streamed body without Content-Length is cut off at the limit with 413', async () => {
    const big = new TextEncoder().encode(body('y'.repeat(4000)));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < big.length; i += 256) controller.enqueue(big.subarray(i, i + 256));
        controller.close();
      },
    });
    const response = await gateway.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(await response.text()).toMatch(/too large/i);
  });

  test('a body under the limit is served', async () => {
    const small = body('great');
    const response = await gateway.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(small.length) },
      body: small,
    });
    expect(response.status).toBe(200);
  });
});
