import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { BiLstmError } from '../errors.ts';
import { CTRL, type EngineMessage } from './engine-protocol.ts';

/** How long the first request waits for the worker to start before giving up on it. */
const STARTUP_TIMEOUT_MS = 60_000;

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
 * A worker thread running LSTM directions, driven synchronously: `call()` posts a message, wakes the worker
 * through shared memory and blocks until it answers. Blocking is what lets a tfjs kernel (synchronous by
 * contract) use the second core.
 */
export class DirectionWorker {
  private readonly ctrl: Int32Array;
  private readonly port: MessagePort;
  private readonly worker: Worker;
  private request = 0;
  private started = false;
  private pending = false;

  constructor() {
    const control = new SharedArrayBuffer(16);
    this.ctrl = new Int32Array(control);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = spawn(control, port2);
    this.worker.unref();
    this.port.unref();
  }

  /** Sends a request; `wait()` collects the answer. The main thread computes its own share in between. */
  post(msg: EngineMessage): void {
    if (this.pending) throw new BiLstmError('ENGINE_FAILED', 'direction worker is still busy with a request');
    this.port.postMessage(msg);
    this.request++;
    Atomics.store(this.ctrl, CTRL.request, this.request);
    Atomics.notify(this.ctrl, CTRL.request);
    this.pending = true;
  }

  /** Blocks until the posted request is done; throws the worker's error as a BiLstmError. */
  wait(): void {
    if (!this.pending) return;
    const deadline = this.started ? Number.POSITIVE_INFINITY : Date.now() + STARTUP_TIMEOUT_MS;
    for (;;) {
      const done = Atomics.load(this.ctrl, CTRL.done);
      if (done === this.request) break;
      if (Date.now() > deadline) {
        this.pending = false;
        throw new BiLstmError('ENGINE_FAILED', 'the BiLSTM direction worker did not start within 60 s');
      }
      Atomics.wait(this.ctrl, CTRL.done, done, 1000);
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

  /** Stops the worker. */
  terminate(): void {
    try {
      if (!this.pending) {
        this.port.postMessage({ op: 'exit' } satisfies EngineMessage);
        this.request++;
        Atomics.store(this.ctrl, CTRL.request, this.request);
        Atomics.notify(this.ctrl, CTRL.request);
      }
    } finally {
      void this.worker.terminate();
      this.port.close();
    }
  }
}
