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
  /**
   * Longest one model call may take, in milliseconds; a call that misses it fails its requests with
   * `MODEL_TIMEOUT` and `onTimeout` is called (the model is presumed stuck). 0 turns the deadline off. @default 0
   */
  timeoutMs?: number;
  /** Called once per model call that missed its deadline. @default none */
  onTimeout?: (error: GatewayError) => void;
  /** Most texts one client may hold queued or reserved at once (see {@link Batcher.admit}). @default queueSize */
  maxClientTexts?: number;
}

/** Who a ticket is for and how to learn that its request ended early. */
export interface AdmitOptions {
  /** The client (e.g. its address), for the per-client share. @default anonymous, no share applies */
  client?: string;
  /** Aborted when the client goes away: the ticket's texts still queued leave the queue unrun. */
  signal?: AbortSignal;
}

/** Room in the queue reserved for one whole request (every field and alias of it). */
export interface Ticket<R> {
  /** Queues texts out of the reserved room; rejects with `OVERLOADED` if they exceed what is left of it. */
  submit(texts: readonly string[]): Promise<R[]>;
  /** Gives back the room not used; texts already queued stay queued. Idempotent. */
  release(): void;
  /** Drops the ticket's queued texts (their requests reject with `reason`) and gives back its room. */
  cancel(reason: GatewayError): void;
}

interface TicketState {
  client: string | undefined;
  /** Room reserved but not yet submitted. */
  reserved: number;
  /** Texts of this ticket waiting in the queue. */
  queued: number;
  closed: boolean;
}

interface Request<R> {
  ticket: TicketState | undefined;
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
  readonly #timeoutMs: number;
  readonly #onTimeout: ((error: GatewayError) => void) | undefined;
  readonly #maxClientTexts: number;
  #queue: Item<R>[] = [];
  #reserved = 0;
  readonly #perClient = new Map<string, number>();
  #failure: GatewayError | undefined;
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
    this.#timeoutMs = options.timeoutMs ?? 0;
    this.#onTimeout = options.onTimeout;
    this.#maxClientTexts = options.maxClientTexts ?? this.#queueSize;
    for (const [name, value, min] of [
      ['windowMs', this.#windowMs, 0],
      ['timeoutMs', this.#timeoutMs, 0],
      ['maxClientTexts', this.#maxClientTexts, 1],
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

  /** Texts waiting plus room reserved by tickets. */
  get committed(): number {
    return this.#queue.length + this.#reserved;
  }

  /**
   * Queues texts and resolves to their results, in order, once every one has been through the model.
   * @throws GatewayError `OVERLOADED` (at once) when the queue has no room for all of them; `SHUTTING_DOWN` after `close()`
   */
  submit(texts: readonly string[], options: AdmitOptions = {}): Promise<R[]> {
    let ticket: Ticket<R>;
    try {
      ticket = this.admit(texts.length, options);
    } catch (error) {
      return Promise.reject(error);
    }
    const results = ticket.submit(texts);
    ticket.release();
    return results;
  }

  /**
   * Reserves room for `count` texts before any is queued, so a request is taken whole or not at all.
   * @throws GatewayError `OVERLOADED` when the queue (or the client's share of it) has no room for all of them;
   *   `SHUTTING_DOWN` after `close()`; the model's failure after {@link fail}
   */
  admit(count: number, options: AdmitOptions = {}): Ticket<R> {
    if (this.#failure) throw this.#failure;
    if (this.#closed)
      throw new GatewayError('SHUTTING_DOWN', 'the gateway is shutting down; retry elsewhere');
    if (this.committed + count > this.#queueSize) {
      throw new GatewayError(
        'OVERLOADED',
        `the classification queue is full (${this.committed} of QUEUE_SIZE ${this.#queueSize} texts waiting, this request has ${count}); retry later`,
      );
    }
    const client = options.client;
    const held = client === undefined ? 0 : (this.#perClient.get(client) ?? 0);
    if (client !== undefined && held + count > this.#maxClientTexts) {
      throw new GatewayError(
        'OVERLOADED',
        `this client already has ${held} texts waiting; the limit per client is MAX_CLIENT_TEXTS = ${this.#maxClientTexts}; retry later`,
      );
    }
    const state: TicketState = { client, reserved: count, queued: 0, closed: false };
    this.#reserved += count;
    this.#charge(client, count);
    const release = (): void => {
      this.#reserved -= state.reserved;
      this.#charge(client, -state.reserved);
      state.reserved = 0;
    };
    const cancel = (reason: GatewayError): void => {
      if (state.closed) return;
      state.closed = true;
      release();
      for (const request of new Set(
        this.#queue.filter((i) => i.request.ticket === state).map((i) => i.request),
      )) {
        this.#fail(request, reason);
      }
    };
    const signal = options.signal;
    const onAbort = (): void =>
      cancel(new GatewayError('CLIENT_GONE', 'the client went away before its texts were classified'));
    signal?.addEventListener('abort', onAbort, { once: true });
    return {
      submit: (texts) => {
        if (state.closed) return Promise.reject(new GatewayError('CLIENT_GONE', 'the request has ended'));
        if (texts.length > state.reserved) {
          return Promise.reject(
            new GatewayError(
              'OVERLOADED',
              `the request sent more texts than were admitted (${state.reserved} left)`,
            ),
          );
        }
        state.reserved -= texts.length;
        this.#reserved -= texts.length;
        this.#charge(client, -texts.length);
        return this.#enqueue(texts, state);
      },
      release: () => {
        signal?.removeEventListener('abort', onAbort);
        release();
        if (signal?.aborted) onAbort();
      },
      cancel,
    };
  }

  /**
   * Declares the model dead: everything queued and every later call rejects with `error` at once, and
   * {@link drain} no longer waits for calls that may never return.
   */
  fail(error: GatewayError): void {
    if (this.#failure) return;
    this.#failure = error;
    for (const request of new Set(this.#queue.map((item) => item.request))) this.#fail(request, error);
    this.#queue = [];
    this.#resetWindow();
    this.#inFlight = 0;
    this.#notifyIdle();
  }

  #charge(client: string | undefined, delta: number): void {
    if (client === undefined || delta === 0) return;
    const next = (this.#perClient.get(client) ?? 0) + delta;
    if (next <= 0) this.#perClient.delete(client);
    else this.#perClient.set(client, next);
  }

  #enqueue(texts: readonly string[], ticket: TicketState | undefined): Promise<R[]> {
    if (this.#failure) return Promise.reject(this.#failure);
    if (texts.length === 0) return Promise.resolve([]);
    return new Promise<R[]>((resolve, reject) => {
      const request: Request<R> = {
        ticket,
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
      this.#queued(request, texts.length);
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

  /** Keeps a ticket's and its client's count of queued texts. */
  #queued(request: Request<R>, delta: number): void {
    const ticket = request.ticket;
    if (!ticket) return;
    ticket.queued += delta;
    this.#charge(ticket.client, delta);
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
    for (const item of batch) this.#queued(item.request, -1);
    if (this.#queue.length === 0) this.#resetWindow();
    this.#inFlight += 1;
    const texts = batch.map((item) => item.text);
    const started = this.#clock.now();
    let timer: unknown;
    const deadline =
      this.#timeoutMs > 0
        ? new Promise<never>((_, reject) => {
            timer = this.#clock.setTimeout(() => {
              const error = new GatewayError(
                'MODEL_TIMEOUT',
                `the model did not answer within MODEL_TIMEOUT_MS = ${this.#timeoutMs} ms; it is presumed stuck`,
              );
              reject(error);
              try {
                this.#onTimeout?.(error);
              } catch {
                // An observer's failure must not hide the timeout.
              }
            }, this.#timeoutMs);
          })
        : undefined;
    const call = Promise.resolve().then(() => this.#run(texts));
    void (deadline ? Promise.race([call, deadline]) : call)
      .finally(() => {
        if (timer !== undefined) this.#clock.clearTimeout(timer);
      })
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
    const before = this.#queue.length;
    this.#queue = this.#queue.filter((item) => item.request !== request);
    this.#queued(request, this.#queue.length - before);
    if (this.#queue.length === 0) this.#resetWindow();
    request.reject(error);
  }

  #finish(batch: Item<R>[], started: number, error?: unknown): void {
    // After fail() the count was reset; a call returning late must not drive it below zero.
    if (this.#inFlight > 0) this.#inFlight -= 1;
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
