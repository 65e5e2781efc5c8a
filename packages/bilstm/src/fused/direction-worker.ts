import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { BiLstmError } from '../errors.ts';
import { CTRL, type EngineMessage, type FaultMessage } from './engine-protocol.ts';

/** How long the first request waits for the worker to start before giving up on it. */
const STARTUP_TIMEOUT_MS = 60_000;

/** How long one request may take before the worker is presumed stuck. */
export const DEFAULT_WORKER_TIMEOUT_MS = 120_000;

/** How often a waiting caller wakes to check the clock. */
const POLL_MS = 250;

function spawn(control: SharedArrayBuffer, port: MessagePort): Worker {
  const here = import.meta.url;
  const jsEntry = new URL('./engine-worker.js', here);
  const workerData = { control, port };
  const options = { workerData, transferList: [port] };
  if (existsSync(fileURLToPath(jsEntry))) return new Worker(jsEntry, options);
  // Running from TypeScript source (tests, dev runs): the worker registers tsx before loading its entry.
  const tsEntry = new URL('./engine-worker.ts', here).href;
  const tsxApi = createRequire(here)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs');
  const code = `import(${JSON.stringify(`file://${tsxApi}`)}).then(({ register }) => { register(); return import(${JSON.stringify(tsEntry)}); });`;
  return new Worker(code, { ...options, eval: true });
}

/**
 * A worker thread running LSTM directions, driven synchronously: `post()` sends a message and wakes the worker
 * through shared memory, `wait()` blocks until it answers. Blocking is what lets a tfjs kernel (synchronous by
 * contract) use the second core. A worker that dies, or misses the deadline of a request, stops the engine for
 * good: that call and every later one throw `WORKER_STOPPED` instead of waiting forever.
 */
export class DirectionWorker {
  private readonly ctrl: Int32Array;
  private readonly port: MessagePort;
  private readonly worker: Worker;
  private readonly timeoutMs: number;
  private request = 0;
  private started = false;
  private pending = false;
  private failure: BiLstmError | null = null;
  private fault: FaultMessage['kind'] | null = null;
  private readonly onExit = (code: number): void => {
    this.fail(`the BiLSTM direction worker thread exited (code ${code})`);
  };

  /** @param timeoutMs longest a request may take, in milliseconds (default {@link DEFAULT_WORKER_TIMEOUT_MS}) */
  constructor(timeoutMs = DEFAULT_WORKER_TIMEOUT_MS) {
    if (!(timeoutMs > 0)) {
      throw new BiLstmError('INVALID_ARGUMENT', `timeoutMs must be a positive number, got ${timeoutMs}`);
    }
    this.timeoutMs = timeoutMs;
    const control = new SharedArrayBuffer(16);
    this.ctrl = new Int32Array(control);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = spawn(control, port2);
    this.worker.unref();
    this.port.unref();
    // Seen only when this thread's event loop runs (not while blocked in wait()); the shared flag covers that.
    this.worker.once('exit', this.onExit);
  }

  /** The error every call throws once the worker stopped, or null while it runs. */
  get stopped(): BiLstmError | null {
    return this.failure;
  }

  /** For tests: the next request makes the worker exit (`exit`) or stop answering (`hang`). */
  injectFault(kind: FaultMessage['kind']): void {
    this.fault = kind;
  }

  /** Sends a request; `wait()` collects the answer. The main thread computes its own share in between. */
  post(msg: EngineMessage): void {
    if (this.failure) throw this.failure;
    if (this.pending) throw new BiLstmError('ENGINE_FAILED', 'direction worker is still busy with a request');
    const fault = this.fault;
    this.fault = null;
    this.port.postMessage(fault ? ({ op: 'fault', kind: fault } satisfies FaultMessage) : msg);
    this.request++;
    Atomics.store(this.ctrl, CTRL.request, this.request);
    Atomics.notify(this.ctrl, CTRL.request);
    this.pending = true;
  }

  /** Blocks until the posted request is done; throws the worker's error as a BiLstmError. */
  wait(): void {
    if (!this.pending) return;
    const limit = this.started ? this.timeoutMs : Math.max(STARTUP_TIMEOUT_MS, this.timeoutMs);
    const deadline = Date.now() + limit;
    for (;;) {
      const done = Atomics.load(this.ctrl, CTRL.done);
      if (done === this.request) break;
      if (Atomics.load(this.ctrl, CTRL.stopped) !== 0) {
        this.pending = false;
        throw this.fail('the BiLSTM direction worker thread stopped during a request');
      }
      if (Date.now() > deadline) {
        this.pending = false;
        throw this.fail(
          this.started
            ? `the BiLSTM direction worker did not answer within ${limit} ms (timeoutMs); it is presumed stuck`
            : `the BiLSTM direction worker did not start within ${limit} ms`,
        );
      }
      Atomics.wait(this.ctrl, CTRL.done, done, POLL_MS);
    }
    this.started = true;
    this.pending = false;
    if (Atomics.load(this.ctrl, CTRL.status) !== 0) {
      const reply = receiveMessageOnPort(this.port)?.message as { message?: string } | undefined;
      throw new BiLstmError(
        'ENGINE_FAILED',
        `BiLSTM direction worker failed: ${reply?.message ?? 'unknown error'}`,
      );
    }
  }

  /** Records the first failure, ends the thread, and returns the error later calls throw. */
  private fail(reason: string): BiLstmError {
    if (!this.failure) {
      this.failure = new BiLstmError(
        'WORKER_STOPPED',
        `${reason}; this BiLSTM engine cannot compute any more (restart the process, or create a new engine)`,
      );
      void this.worker.terminate();
      this.port.close();
    }
    return this.failure;
  }

  /** Stops the worker. */
  terminate(): void {
    try {
      if (!this.pending && !this.failure) {
        this.port.postMessage({ op: 'exit' } satisfies EngineMessage);
        this.request++;
        Atomics.store(this.ctrl, CTRL.request, this.request);
        Atomics.notify(this.ctrl, CTRL.request);
      }
    } finally {
      this.worker.off('exit', this.onExit);
      void this.worker.terminate();
      this.port.close();
    }
  }
}
