import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Batcher, type BatcherClock, type BatcherOptions, type BatchReport } from './batcher.ts';
import { GatewayError } from './errors.ts';

/** A clock that only moves when the test says so. */
function manualClock(): BatcherClock & { advance(ms: number): Promise<void>; pending(): number } {
  let now = 0;
  let nextId = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    setTimeout(fn, ms) {
      nextId += 1;
      timers.set(nextId, { at: now + ms, fn });
      return nextId;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    pending: () => timers.size,
    async advance(ms) {
      now += ms;
      for (const [id, timer] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
        if (timer.at > now) continue;
        timers.delete(id);
        timer.fn();
      }
      await settle();
    },
  };
}

/** Lets every pending promise callback run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A model that echoes, records its calls, and can be held until released. */
function echoModel(options: { hold?: boolean; fail?: (texts: readonly string[]) => boolean } = {}) {
  const calls: string[][] = [];
  const held: (() => void)[] = [];
  let hold = options.hold ?? false;
  const run = async (texts: readonly string[]) => {
    calls.push([...texts]);
    if (hold) await new Promise<void>((resolve) => held.push(resolve));
    if (options.fail?.(texts)) throw new Error(`model failed on [${texts.join(',')}]`);
    return texts.map((t) => `${t}!`);
  };
  return {
    run,
    calls,
    release: async () => {
      for (const resolve of held.splice(0)) resolve();
      await settle();
    },
    setHold: (value: boolean) => {
      hold = value;
    },
  };
}

function batcher(model: ReturnType<typeof echoModel>, options: Partial<BatcherOptions<string>> = {}) {
  const clock = manualClock();
  const reports: BatchReport[] = [];
  const b = new Batcher<string>({
    run: model.run,
    windowMs: 5,
    maxBatchSize: 4,
    queueSize: 16,
    clock,
    onBatch: (r) => reports.push(r),
    ...options,
  });
  return { b, clock, reports };
}

/** Tracks a promise's outcome without awaiting it. */
function track<T>(promise: Promise<T>) {
  const state: { done: boolean; value?: T; error?: unknown } = { done: false };
  promise.then(
    (value) => Object.assign(state, { done: true, value }),
    (error: unknown) => Object.assign(state, { done: true, error }),
  );
  return state;
}

describe('Batcher', () => {
  test('texts arriving within the window go to the model in one call, once the window ends', async () => {
    const model = echoModel();
    const { b, clock } = batcher(model);
    const first = track(b.submit(['a']));
    await clock.advance(2);
    const second = track(b.submit(['b', 'c']));
    await settle();
    expect(model.calls).toEqual([]);
    expect(b.queueDepth).toBe(3);
    await clock.advance(3);
    expect(model.calls).toEqual([['a', 'b', 'c']]);
    expect(first.value).toEqual(['a!']);
    expect(second.value).toEqual(['b!', 'c!']);
    expect(b.queueDepth).toBe(0);
  });

  test('a batch that fills up runs at once, without waiting for the window', async () => {
    const model = echoModel();
    const { b, clock } = batcher(model, { windowMs: 1000 });
    const one = track(b.submit(['a', 'b']));
    const two = track(b.submit(['c', 'd']));
    await settle();
    expect(model.calls).toEqual([['a', 'b', 'c', 'd']]);
    expect(one.value).toEqual(['a!', 'b!']);
    expect(two.value).toEqual(['c!', 'd!']);
    expect(clock.pending()).toBe(0);
  });

  test('no model call holds more than maxBatchSize texts; a long request spans calls and keeps its order', async () => {
    const model = echoModel();
    const { b, clock } = batcher(model, { maxBatchSize: 3 });
    const long = track(b.submit(['a', 'b', 'c', 'd', 'e', 'f', 'g']));
    await settle();
    expect(model.calls).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e', 'f'],
    ]);
    await clock.advance(5);
    expect(model.calls.at(-1)).toEqual(['g']);
    expect(long.value).toEqual(['a!', 'b!', 'c!', 'd!', 'e!', 'f!', 'g!']);
  });

  test('while the model is busy, arrivals wait and then run together (one call at a time)', async () => {
    const model = echoModel({ hold: true });
    const { b, clock } = batcher(model, { maxBatchSize: 8 });
    const first = track(b.submit(['a']));
    await clock.advance(5);
    expect(model.calls).toEqual([['a']]);
    const later = ['b', 'c', 'd'].map((t) => track(b.submit([t])));
    await clock.advance(5);
    expect(model.calls).toHaveLength(1);
    expect(b.inFlight).toBe(1);
    model.setHold(false);
    await model.release();
    expect(first.value).toEqual(['a!']);
    expect(model.calls).toEqual([['a'], ['b', 'c', 'd']]);
    expect(later.map((s) => s.value)).toEqual([['b!'], ['c!'], ['d!']]);
  });

  test('a full queue fails the next request at once with OVERLOADED, and frees up after the model catches up', async () => {
    const model = echoModel({ hold: true });
    const { b, clock } = batcher(model, { queueSize: 6, maxBatchSize: 2 });
    const running = track(b.submit(['a', 'b']));
    await settle();
    expect(model.calls).toHaveLength(1);
    const queued = track(b.submit(['c', 'd', 'e', 'f', 'g']));
    const overflow = track(b.submit(['h', 'i']));
    await settle();
    expect(overflow.done).toBe(true);
    expect(overflow.error).toBeInstanceOf(GatewayError);
    expect((overflow.error as GatewayError).code).toBe('OVERLOADED');
    expect((overflow.error as GatewayError).message).toContain('QUEUE_SIZE 6');
    expect(b.queueDepth).toBe(5);
    const fits = track(b.submit(['h']));
    model.setHold(false);
    await model.release();
    await clock.advance(5);
    expect(running.value).toEqual(['a!', 'b!']);
    expect(queued.value).toEqual(['c!', 'd!', 'e!', 'f!', 'g!']);
    expect(fits.value).toEqual(['h!']);
  });

  test('a failing model call rejects exactly the requests in that call', async () => {
    const model = echoModel({ fail: (texts) => texts.includes('boom') });
    const { b, clock, reports } = batcher(model, { maxBatchSize: 2 });
    const before = track(b.submit(['a', 'b']));
    const bad = track(b.submit(['boom']));
    const sameBatch = track(b.submit(['c']));
    const after = track(b.submit(['d']));
    await clock.advance(5);
    expect(model.calls).toEqual([['a', 'b'], ['boom', 'c'], ['d']]);
    expect(before.value).toEqual(['a!', 'b!']);
    expect((bad.error as Error).message).toBe('model failed on [boom,c]');
    expect(sameBatch.error).toBe(bad.error);
    expect(after.value).toEqual(['d!']);
    expect(reports.map((r) => [r.size, r.requests, r.error !== undefined])).toEqual([
      [2, 1, false],
      [2, 2, true],
      [1, 1, false],
    ]);
  });

  test('a request whose first call fails is rejected once and its waiting texts leave the queue', async () => {
    const model = echoModel({ fail: (texts) => texts.includes('x') });
    const { b, clock } = batcher(model, { maxBatchSize: 2 });
    const spanning = track(b.submit(['x', 'y', 'z', 'w', 'v']));
    const other = track(b.submit(['o']));
    await clock.advance(5);
    expect(spanning.error).toBeInstanceOf(Error);
    expect(other.value).toEqual(['o!']);
    expect(model.calls.flat()).not.toContain('v');
    expect(b.queueDepth).toBe(0);
  });

  test('a model that returns the wrong number of results fails its requests with MODEL_CONTRACT', async () => {
    const b = new Batcher<string>({ run: async () => ['only one'], windowMs: 0 });
    await expect(b.submit(['a', 'b'])).rejects.toMatchObject({ code: 'MODEL_CONTRACT' });
  });

  test('a model that throws synchronously rejects its requests instead of crashing', async () => {
    const b = new Batcher<string>({
      run: () => {
        throw new Error('sync failure');
      },
      windowMs: 0,
    });
    await expect(b.submit(['a'])).rejects.toThrow('sync failure');
  });

  test('window 0 and batch size 1 turn batching off: one call per text', async () => {
    const model = echoModel();
    const { b } = batcher(model, { windowMs: 0, maxBatchSize: 1 });
    const results = await Promise.all([b.submit(['a']), b.submit(['b', 'c'])]);
    expect(results).toEqual([['a!'], ['b!', 'c!']]);
    expect(model.calls).toEqual([['a'], ['b'], ['c']]);
  });

  test('drain runs what is queued without waiting for the window; close refuses new texts with SHUTTING_DOWN', async () => {
    const model = echoModel();
    const { b } = batcher(model, { windowMs: 60_000 });
    const queued = track(b.submit(['a']));
    await b.close();
    expect(queued.value).toEqual(['a!']);
    await expect(b.submit(['b'])).rejects.toMatchObject({ code: 'SHUTTING_DOWN' });
    expect(b.closed).toBe(true);
  });

  test('admit reserves room for a whole request: it counts toward the queue before any text is queued', async () => {
    const model = echoModel({ hold: true });
    const { b } = batcher(model, { queueSize: 6, maxBatchSize: 2, windowMs: 0 });
    const ticket = b.admit(5);
    expect(b.committed).toBe(5);
    expect(() => b.admit(2)).toThrow(/queue is full.*this request has 2/);
    const first = track(ticket.submit(['a', 'b']));
    const second = track(ticket.submit(['c', 'd', 'e']));
    await expect(ticket.submit(['f'])).rejects.toMatchObject({ code: 'OVERLOADED' });
    ticket.release();
    expect(b.committed).toBe(3);
    model.setHold(false);
    await model.release();
    await b.drain();
    expect(first.value).toEqual(['a!', 'b!']);
    expect(second.value).toEqual(['c!', 'd!', 'e!']);
    expect(b.committed).toBe(0);
  });

  test('an aborted request leaves the queue unrun and gives its room back', async () => {
    const model = echoModel({ hold: true });
    const { b } = batcher(model, { maxBatchSize: 1, windowMs: 0 });
    const running = track(b.submit(['busy']));
    await settle();
    const controller = new AbortController();
    const ticket = b.admit(3, { signal: controller.signal, client: 'c1' });
    const queued = track(ticket.submit(['x', 'y', 'z']));
    expect(b.queueDepth).toBe(3);
    controller.abort();
    await settle();
    expect(b.queueDepth).toBe(0);
    expect(b.committed).toBe(0);
    expect(queued.error).toMatchObject({ code: 'CLIENT_GONE' });
    model.setHold(false);
    await model.release();
    expect(running.value).toEqual(['busy!']);
    expect(model.calls.flat()).toEqual(['busy']);
  });

  test('a client holding maxClientTexts is refused; other clients are not', () => {
    const { b } = batcher(echoModel({ hold: true }), { queueSize: 100, maxClientTexts: 4, windowMs: 60_000 });
    void b.submit(['a', 'b', 'c'], { client: 'one' });
    expect(() => b.admit(2, { client: 'one' })).toThrow(/MAX_CLIENT_TEXTS = 4/);
    expect(() => b.admit(4, { client: 'two' })).not.toThrow();
  });

  test('a call past timeoutMs fails its requests with MODEL_TIMEOUT and calls onTimeout; fail() refuses the rest', async () => {
    const model = echoModel({ hold: true });
    const timeouts: unknown[] = [];
    const { clock } = batcher(model);
    const b2 = new Batcher<string>({
      run: model.run,
      windowMs: 0,
      maxBatchSize: 1,
      timeoutMs: 100,
      clock,
      onTimeout: (error) => {
        timeouts.push(error);
        b2.fail(new GatewayError('MODEL_CRASHED', 'gone'));
      },
    });
    const stuck = track(b2.submit(['a']));
    const waiting = track(b2.submit(['b']));
    await clock.advance(100);
    expect(stuck.error).toMatchObject({ code: 'MODEL_TIMEOUT' });
    expect(waiting.error).toMatchObject({ code: 'MODEL_CRASHED' });
    expect(timeouts).toHaveLength(1);
    await expect(b2.submit(['c'])).rejects.toMatchObject({ code: 'MODEL_CRASHED' });
    await b2.close();
    expect(model.calls).toEqual([['a']]);
  });

  test('rejects invalid options', () => {
    expect(() => new Batcher<string>({ run: async () => [], maxBatchSize: 0 })).toThrow(/maxBatchSize/);
    expect(() => new Batcher<string>({ run: async () => [], windowMs: -1 })).toThrow(/windowMs/);
  });

  test('property: every request gets its own results in order, and no call exceeds maxBatchSize', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          windowMs: fc.integer({ min: 0, max: 4 }),
          maxBatchSize: fc.integer({ min: 1, max: 6 }),
          requests: fc.array(
            fc.record({ size: fc.integer({ min: 0, max: 7 }), delay: fc.integer({ min: 0, max: 3 }) }),
            { maxLength: 12 },
          ),
        }),
        async ({ windowMs, maxBatchSize, requests }) => {
          const model = echoModel();
          const { b, clock } = batcher(model, { windowMs, maxBatchSize, queueSize: 1000 });
          const tracked = [];
          for (const [r, { size, delay }] of requests.entries()) {
            const texts = Array.from({ length: size }, (_, i) => `${r}.${i}`);
            tracked.push({ texts, state: track(b.submit(texts)) });
            await clock.advance(delay);
          }
          await clock.advance(10);
          await b.drain();
          await settle();
          for (const { texts, state } of tracked) expect(state.value).toEqual(texts.map((t) => `${t}!`));
          for (const call of model.calls) expect(call.length).toBeLessThanOrEqual(maxBatchSize);
          expect(model.calls.flat().sort()).toEqual(tracked.flatMap((t) => t.texts).sort());
        },
      ),
      { numRuns: 150 },
    );
  });
});
