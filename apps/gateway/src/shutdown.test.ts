import { EventEmitter } from 'node:events';
import { describe, expect, test, vi } from 'vitest';
import {
  type ClosableServer,
  createShutdown,
  type DrainableGateway,
  installSignalHandlers,
} from './shutdown.ts';
import { memoryLogger } from './test-support.ts';

/** A server whose connections end when the test says so; records what shutdown did, in order. */
function fakeServer(events: string[]) {
  let onClosed: ((error?: Error) => void) | undefined;
  const server: ClosableServer & { finishRequests(): void } = {
    close(callback) {
      events.push('server.close');
      onClosed = callback;
    },
    closeIdleConnections: () => events.push('closeIdleConnections'),
    closeAllConnections: () => {
      events.push('closeAllConnections');
      server.finishRequests();
    },
    finishRequests() {
      events.push('connections ended');
      onClosed?.();
    },
  };
  return server;
}

function fakeGateway(events: string[], fail = false): DrainableGateway {
  return {
    drain: () => events.push('gateway.drain'),
    close: async () => {
      events.push('gateway.close');
      if (fail) throw new Error('dispose failed');
    },
  };
}

/** Timers the test fires by hand. */
function manualTimers() {
  const pending = new Map<number, () => void>();
  let id = 0;
  return {
    setTimeout(fn: () => void) {
      id += 1;
      pending.set(id, fn);
      return id;
    },
    clearTimeout(handle: unknown) {
      pending.delete(handle as number);
    },
    /** Fires every pending timer once (timers they set stay pending). */
    fireAll() {
      for (const [key, fn] of [...pending]) {
        pending.delete(key);
        fn();
      }
    },
    get count() {
      return pending.size;
    },
  };
}

describe('createShutdown', () => {
  test('turns readiness off, stops accepting, waits for in-flight requests, then drains the gateway; exit 0', async () => {
    const events: string[] = [];
    const server = fakeServer(events);
    const timers = manualTimers();
    const { logger, entries } = memoryLogger();
    const shutdown = createShutdown({ server, gateway: fakeGateway(events), logger, timers });
    const done = shutdown('SIGTERM');
    await Promise.resolve();
    expect(events).toEqual(['gateway.drain', 'server.close', 'closeIdleConnections']);
    expect(timers.count).toBe(2);
    server.finishRequests();
    expect(await done).toBe(0);
    expect(events).toEqual([
      'gateway.drain',
      'server.close',
      'closeIdleConnections',
      'connections ended',
      'gateway.close',
    ]);
    expect(timers.count).toBe(0);
    expect(entries.map((e) => e.msg)).toEqual(['shutting down', 'shutdown complete']);
    expect(entries[0]).toMatchObject({ reason: 'SIGTERM' });
  });

  test('with a drain delay: readiness off and keep-alive ended first, the listener closes only after the delay', async () => {
    const events: string[] = [];
    const server = fakeServer(events);
    const timers = manualTimers();
    const shutdown = createShutdown({
      server,
      gateway: fakeGateway(events),
      logger: memoryLogger().logger,
      timers,
      drainDelayMs: 5000,
      endKeepAlive: () => events.push('endKeepAlive'),
    });
    const done = shutdown('SIGTERM');
    await Promise.resolve();
    expect(events).toEqual(['gateway.drain', 'endKeepAlive']);
    expect(timers.count).toBe(1);
    timers.fireAll();
    await new Promise((r) => setImmediate(r));
    expect(events.slice(2)).toEqual(['server.close', 'closeIdleConnections']);
    server.finishRequests();
    expect(await done).toBe(0);
  });

  test('a failed gateway stops without the delay and with exit code 1, saying so in its last line', async () => {
    const events: string[] = [];
    const server = fakeServer(events);
    const { logger, entries } = memoryLogger();
    const shutdown = createShutdown({ server, gateway: fakeGateway(events), logger, drainDelayMs: 60_000 });
    const done = shutdown('model stopped', { drainDelayMs: 0, exitCode: 1 });
    await new Promise((r) => setImmediate(r));
    server.finishRequests();
    expect(await done).toBe(1);
    expect(entries.at(-1)).toMatchObject({ msg: 'shutdown complete', reason: 'model stopped', exitCode: 1 });
  });

  test('cuts connections that outlive the timeout and exits 1', async () => {
    const events: string[] = [];
    const timers = manualTimers();
    const { logger } = memoryLogger();
    const shutdown = createShutdown({
      server: fakeServer(events),
      gateway: fakeGateway(events),
      logger,
      timers,
    });
    const done = shutdown('SIGINT');
    timers.fireAll();
    expect(await done).toBe(1);
    expect(events).toContain('closeAllConnections');
    expect(events.at(-1)).toBe('gateway.close');
  });

  test('is idempotent: a second call returns the same result without closing twice', async () => {
    const events: string[] = [];
    const server = fakeServer(events);
    const shutdown = createShutdown({
      server,
      gateway: fakeGateway(events),
      logger: memoryLogger().logger,
      timers: manualTimers(),
    });
    const first = shutdown('SIGTERM');
    const second = shutdown('SIGINT');
    server.finishRequests();
    expect(await first).toBe(0);
    expect(await second).toBe(0);
    expect(events.filter((e) => e === 'server.close')).toHaveLength(1);
  });

  test('a failing gateway close is logged and gives exit code 1', async () => {
    const events: string[] = [];
    const server = fakeServer(events);
    const { logger, entries } = memoryLogger();
    const shutdown = createShutdown({
      server,
      gateway: fakeGateway(events, true),
      logger,
      timers: manualTimers(),
    });
    const done = shutdown('SIGTERM');
    server.finishRequests();
    expect(await done).toBe(1);
    expect(entries.find((e) => e.msg === 'gateway close failed')).toBeDefined();
  });
});

describe('installSignalHandlers', () => {
  test('the first SIGTERM or SIGINT shuts down and exits with its code; a second exits 1 at once', async () => {
    const source = new EventEmitter();
    const exit = vi.fn();
    let finish: (code: number) => void = () => {};
    const shutdown = vi.fn(() => new Promise<number>((resolve) => (finish = resolve)));
    installSignalHandlers(source, shutdown, exit, memoryLogger().logger);
    source.emit('SIGINT');
    expect(shutdown).toHaveBeenCalledWith('SIGINT');
    source.emit('SIGTERM');
    expect(exit).toHaveBeenCalledWith(1);
    expect(shutdown).toHaveBeenCalledTimes(1);
    finish(0);
    await vi.waitFor(() => expect(exit).toHaveBeenLastCalledWith(0));
  });
});
