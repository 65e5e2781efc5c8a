import { GatewayError } from './errors.ts';

/** The timers the batcher uses; inject a fake one in tests. */
export interface BatcherClock {
  /** Schedules `fn` after `ms` milliseconds and returns a handle. */
  setTimeout(fn: () => void, ms: number): unknown;
  /** Cancels a handle returned by `setTimeout`. */
  clearTimeout(handle: unknown): void;
  /** Milliseconds from an arbitrary origin, for batch durations. */
  now(): number;
}

/** The real clock: global timers (looked up at call time, so fake timers work) and `performance.now()`. */
export const systemClock: BatcherClock = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => performance.now(),
};

/** What one finished model call looked like, for metrics and logs. */
export interface BatchReport {
  /** Texts in the call. */
  size: number;
  /** Requests whose texts were in the call. */
  requests: number;
  /** How long the call took, in the clock's milliseconds. */
  durationMs: number;
  /** Why the call failed, when it did. */
  error?: unknown;
}

/** Options of {@link Batcher}. */
export interface BatcherOptions<R> {
  /** One model call: resolves to one result per text, in order. */
  run: (texts: readonly string[]) => Promise<readonly R[]>;
  /** How long to wait for more texts after the first one arrives in an empty queue; 0 runs at once. @default 3 */
  windowMs?: number;
  /** Most texts per model call; a queue that reaches it runs at once. 1 turns batching off. @default 64 */
  maxBatchSize?: number;
  /** Most texts waiting (not yet handed to the model); past it `submit` fails at once with `OVERLOADED`. @default 1024 */
  queueSize?: number;
  /** Model calls that may run at the same time. @default 1 */
  concurrency?: number;
  /** Timers and time. @default systemClock */
  clock?: BatcherClock;
  /** Called after each model call. @default none */
  onBatch?: (report: BatchReport) => void;
}

interface Request<R> {
  results: R[];
  remaining: number;
  settled: boolean;
  resolve: (results: R[]) => void;
  reject: (error: unknown) => void;
}

interface Item<R> {
  text: string;
  index: number;
  request: Request<R>;
}

/**
 * Micro-batching in front of a model: texts submitted within `windowMs` of the first waiting one, up to
 * `maxBatchSize`, go to the model in one call. A full batch runs at once; the queue is bounded, so overload
 * fails fast instead of waiting without end. A failed call rejects exactly the requests it held.
 */
export class Batcher<R> {
  readonly #run: (texts: readonly string[]) => Promise<readonly R[]>;
  readonly #windowMs: number;
  readonly #maxBatchSize: number;
  readonly #queueSize: number;
  readonly #concurrency: number;
  readonly #clock: BatcherClock;
  readonly #onBatch: ((report: BatchReport) => void) | undefined;
  #queue: Item<R>[] = [];
  #inFlight = 0;
  #timer: unknown;
  #windowElapsed = false;
  #flushing = false;
  #closed = false;
  #idleWaiters: (() => void)[] = [];

  constructor(options: BatcherOptions<R>) {
    this.#run = options.run;
    this.#windowMs = options.windowMs ?? 3;
    this.#maxBatchSize = options.maxBatchSize ?? 64;
    this.#queueSize = options.queueSize ?? 1024;
    this.#concurrency = options.concurrency ?? 1;
    this.#clock = options.clock ?? systemClock;
    this.#onBatch = options.onBatch;
    for (const [name, value, min] of [
      ['windowMs', this.#windowMs, 0],
      ['maxBatchSize', this.#maxBatchSize, 1],
      ['queueSize', this.#queueSize, 1],
      ['concurrency', this.#concurrency, 1],
    ] as const) {
      if (!Number.isFinite(value) || value < min) {
        throw new GatewayError('INVALID_CONFIG', `batcher ${name} must be a number >= ${min}, got ${value}`);
      }
    }
  }

  /** Texts waiting for the model. */
  get queueDepth(): number {
    return this.#queue.length;
  }

  /** Model calls running now. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** True once {@link close} was called. */
  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Queues texts and resolves to their results, in order, once every one has been through the model.
   * @throws GatewayError `OVERLOADED` (at once) when the queue has no room for all of them; `SHUTTING_DOWN` after `close()`
   */
  submit(texts: readonly string[]): Promise<R[]> {
    if (this.#closed) {
      return Promise.reject(
        new GatewayError('SHUTTING_DOWN', 'the gateway is shutting down; retry elsewhere'),
      );
    }
    if (texts.length === 0) return Promise.resolve([]);
    if (this.#queue.length + texts.length > this.#queueSize) {
      return Promise.reject(
        new GatewayError(
          'OVERLOADED',
          `the classification queue is full (${this.#queue.length} of QUEUE_SIZE ${this.#queueSize} texts waiting); retry later`,
        ),
      );
    }
    return new Promise<R[]>((resolve, reject) => {
      const request: Request<R> = {
        results: new Array<R>(texts.length),
        remaining: texts.length,
        settled: false,
        resolve,
        reject,
      };
      const wasEmpty = this.#queue.length === 0;
      texts.forEach((text, index) => {
        this.#queue.push({ text, index, request });
      });
      if (wasEmpty && this.#windowMs > 0) {
        this.#timer = this.#clock.setTimeout(() => {
          this.#timer = undefined;
          this.#windowElapsed = true;
          this.#pump();
        }, this.#windowMs);
      }
      this.#pump();
    });
  }

  /** Runs everything queued without waiting for windows and resolves once the queue is empty and no call runs. */
  drain(): Promise<void> {
    this.#flushing = true;
    const done = new Promise<void>((resolve) => {
      this.#idleWaiters.push(resolve);
    });
    this.#pump();
    this.#notifyIdle();
    return done;
  }

  /** Stops accepting texts (`submit` then fails with `SHUTTING_DOWN`) and drains what was accepted. */
  close(): Promise<void> {
    this.#closed = true;
    return this.drain();
  }

  #ready(): boolean {
    return (
      this.#windowMs === 0 ||
      this.#windowElapsed ||
      this.#flushing ||
      this.#queue.length >= this.#maxBatchSize
    );
  }

  #pump(): void {
    while (this.#inFlight < this.#concurrency && this.#queue.length > 0 && this.#ready()) {
      this.#dispatch();
    }
  }

  #dispatch(): void {
    const batch = this.#queue.splice(0, this.#maxBatchSize);
    if (this.#queue.length === 0) this.#resetWindow();
    this.#inFlight += 1;
    const texts = batch.map((item) => item.text);
    const started = this.#clock.now();
    void Promise.resolve()
      .then(() => this.#run(texts))
      .then((results) => {
        if (!Array.isArray(results) || results.length !== texts.length) {
          throw new GatewayError(
            'MODEL_CONTRACT',
            `the model returned ${Array.isArray(results) ? results.length : typeof results} results for ${texts.length} texts`,
          );
        }
        return results;
      })
      .then(
        (results) => {
          batch.forEach((item, i) => {
            this.#fulfil(item, results[i] as R);
          });
          this.#finish(batch, started);
        },
        (error: unknown) => {
          for (const request of new Set(batch.map((item) => item.request))) this.#fail(request, error);
          this.#finish(batch, started, error);
        },
      );
  }

  #fulfil(item: Item<R>, result: R): void {
    const request = item.request;
    if (request.settled) return;
    request.results[item.index] = result;
    request.remaining -= 1;
    if (request.remaining === 0) {
      request.settled = true;
      request.resolve(request.results);
    }
  }

  #fail(request: Request<R>, error: unknown): void {
    if (request.settled) return;
    request.settled = true;
    // Its texts still waiting would be wasted model work.
    this.#queue = this.#queue.filter((item) => item.request !== request);
    if (this.#queue.length === 0) this.#resetWindow();
    request.reject(error);
  }

  #finish(batch: Item<R>[], started: number, error?: unknown): void {
    this.#inFlight -= 1;
    const report: BatchReport = {
      size: batch.length,
      requests: new Set(batch.map((item) => item.request)).size,
      durationMs: this.#clock.now() - started,
    };
    if (error !== undefined) report.error = error;
    try {
      this.#onBatch?.(report);
    } catch {
      // A broken observer must not stall the queue.
    }
    this.#pump();
    this.#notifyIdle();
  }

  #resetWindow(): void {
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#windowElapsed = false;
  }

  #notifyIdle(): void {
    if (this.#queue.length > 0 || this.#inFlight > 0) return;
    if (!this.#closed) this.#flushing = false;
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
