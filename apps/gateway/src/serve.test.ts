import { Agent, request } from 'node:http';
import { describe, expect, test, vi } from 'vitest';
import { createFakeClassifier } from './fake-classifier.ts';
import { startServer } from './serve.ts';
import { gatedClassifier, memoryLogger } from './test-support.ts';

/** POSTs a classify query (keep-alive, or on a fresh connection); resolves to status and body. */
function post(url: string, keepAlive = true): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/graphql`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', connection: keepAlive ? 'keep-alive' : 'close' },
        ...(keepAlive ? {} : { agent: false }),
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ query: '{ classify(text: "great") { label } }' }));
  });
}

describe('startServer on 127.0.0.1 (real sockets)', () => {
  test('graceful shutdown lets an in-flight request finish, then refuses new connections; exit code 0', async () => {
    const gated = gatedClassifier(createFakeClassifier());
    const { logger, entries } = memoryLogger();
    const running = await startServer({ classifier: gated, logger, config: { nodeEnv: 'test' } });
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const inFlight = post(running.url);
    await vi.waitFor(() => expect(gated.pending).toBe(1));
    const stopping = running.shutdown('SIGTERM');
    await vi.waitFor(() => expect(running.gateway.state).toBe('draining'));
    gated.release();
    const reply = await inFlight;
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ data: { classify: { label: 'positive' } } });
    expect(await stopping).toBe(0);
    expect(running.server.listening).toBe(false);
    await expect(post(running.url, false)).rejects.toThrow(/ECONNREFUSED/);
    expect(entries.map((e) => e.msg)).toEqual(
      expect.arrayContaining(['listening', 'model ready', 'shutting down', 'shutdown complete']),
    );
  });
});

describe('the drain on SIGTERM (real sockets)', () => {
  test('during the drain delay /ready is 503 and requests are still served, kept-alive ones included', async () => {
    const { logger } = memoryLogger();
    const running = await startServer({
      classifier: createFakeClassifier(),
      logger,
      config: { batchWindowMs: 0 },
      drainDelayMs: 400,
    });
    await running.gateway.whenReady();
    expect((await post(running.url)).status).toBe(200);
    const stopping = running.shutdown('SIGTERM');
    await vi.waitFor(() => expect(running.gateway.state).toBe('draining'));
    expect((await fetch(`${running.url}/ready`)).status).toBe(503);
    const during = await post(running.url);
    expect(during.status).toBe(200);
    expect(running.server.listening).toBe(true);
    expect(await stopping).toBe(0);
    expect(running.server.listening).toBe(false);
  });

  test('after the delay a kept-alive connection gets Connection: close with its current response', async () => {
    const gated = gatedClassifier(createFakeClassifier());
    const running = await startServer({
      classifier: gated,
      logger: memoryLogger().logger,
      config: { batchWindowMs: 0 },
    });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const send = () =>
      new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
        const req = request(
          `${running.url}/graphql`,
          { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
          (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify({ query: '{ classify(text: "great") { label } }' }));
      });
    const first = send();
    await vi.waitFor(() => expect(gated.pending).toBe(1));
    gated.release();
    expect(await first).toEqual({ status: 200, connection: 'keep-alive' });
    const inFlight = send();
    await vi.waitFor(() => expect(gated.pending).toBe(1));
    const stopping = running.shutdown('SIGTERM');
    await vi.waitFor(() => expect(running.server.listening).toBe(false));
    gated.release();
    expect(await inFlight).toEqual({ status: 200, connection: 'close' });
    expect(await stopping).toBe(0);
    agent.destroy();
  });
});
