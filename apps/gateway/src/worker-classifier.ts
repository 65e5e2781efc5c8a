import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Classification, ModelInfo, SentimentClassifier } from './classifier.ts';
import { GatewayError } from './errors.ts';
import { type Logger, silentLogger } from './logger.ts';
import {
  type FromWorker,
  fromWireError,
  type ModelWorkerData,
  type ToWorker,
} from './model-worker-protocol.ts';

/** Options of {@link loadWorkerClassifier}. */
export interface WorkerClassifierOptions {
  /** Folder of the saved model, handed to the loader inside the worker. */
  modelDir: string;
  /** Where a crash of the worker is logged. @default silentLogger */
  logger?: Logger;
  /**
   * Module the worker imports to load the model: it must export `loadModel(dir): Promise<SentimentClassifier>`.
   * @default the gateway's `load-model` (the BiLSTM, through `@sentikit/sentiment`)
   */
  loaderUrl?: URL | string;
  /** How long `dispose()` waits for the worker to free the model before terminating it. @default 5000 */
  disposeTimeoutMs?: number;
}

/** A {@link SentimentClassifier} whose model runs on a worker thread. */
export interface WorkerClassifier extends SentimentClassifier {
  /** Calls `listener` once, with a `MODEL_CRASHED` GatewayError, if the worker dies (not after `dispose()`). */
  onFailure(listener: (error: Error) => void): void;
  /** The worker's thread id, for logs. */
  readonly threadId: number;
}

const sourceCondition = '@sentikit/source';
const here = import.meta.url;
const ext = extname(fileURLToPath(here));

/** The gateway's model loader (`load-model.ts`, or its build output): the BiLSTM through `@sentikit/sentiment`. */
export const defaultLoaderUrl = new URL(`./load-model${ext}`, here);

/** Starts `model-worker` with the same module kind (built .js or TypeScript source) as this file. */
function spawn(data: ModelWorkerData): Worker {
  const entry = new URL(`./model-worker${ext}`, here);
  if (ext === '.js' && existsSync(fileURLToPath(entry))) return new Worker(entry, { workerData: data });
  // From TypeScript source (tests, tsx runs): workers do not inherit tsx's loader on Node 20, so the worker
  // registers it first; the source condition points @sentikit/* imports at their src/ as in the parent.
  const tsxApi = createRequire(here)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs');
  const code = `import(${JSON.stringify(`file://${tsxApi}`)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`;
  // Inherited flags when they already carry the condition (tsx runs); else just the condition (Vitest).
  const execArgv = process.execArgv.some((a) => a.includes(sourceCondition))
    ? {}
    : { execArgv: [`--conditions=${sourceCondition}`] };
  return new Worker(code, { eval: true, workerData: data, ...execArgv });
}

/**
 * Loads the model on a worker thread and resolves once it is ready, with a classifier that sends each batch
 * to the worker. The gateway's event loop stays free while the model computes, so requests are parsed and
 * queued for the next batch meanwhile. If the worker dies (or the model reports its own threads dead with code
 * `WORKER_STOPPED`), the calls it held and every later call reject with `MODEL_CRASHED`, the crash is logged,
 * and `onFailure` listeners are told. A stuck worker is ended by `terminate()` (the gateway's deadline).
 * @throws the loader's error (rebuilt with its name, code and stack) when the model cannot be loaded
 */
export async function loadWorkerClassifier(options: WorkerClassifierOptions): Promise<WorkerClassifier> {
  const logger = options.logger ?? silentLogger;
  const loaderUrl = String(options.loaderUrl ?? defaultLoaderUrl);
  const disposeTimeoutMs = options.disposeTimeoutMs ?? 5000;
  const worker = spawn({ loaderUrl, modelDir: options.modelDir });
  // Never keeps the process alive on its own: the server (or the caller's pending work) does.
  worker.unref();

  const pending = new Map<number, { resolve: (r: Classification[]) => void; reject: (e: unknown) => void }>();
  const failureListeners: ((error: Error) => void)[] = [];
  const threadId = worker.threadId;
  let ready = false;
  let nextId = 0;
  let tensors: number | null = null;
  let failure: GatewayError | undefined;
  let disposing: Promise<void> | undefined;
  let settleLoad: { resolve: (info: ModelInfo) => void; reject: (error: unknown) => void };
  const loaded = new Promise<ModelInfo>((resolve, reject) => {
    settleLoad = { resolve, reject };
  });
  let onDisposed: (() => void) | undefined;

  const crash = (reason: string, cause?: unknown): void => {
    if (failure || disposing) return;
    failure = new GatewayError(
      'MODEL_CRASHED',
      `the model worker stopped (${reason}); the gateway cannot classify until it is restarted`,
      cause === undefined ? undefined : { cause },
    );
    settleLoad.reject(failure);
    // Before it is ready the loader's caller gets (and logs) the error; afterwards nobody else would.
    if (ready) logger.error('model worker crashed', { err: failure, threadId, pending: pending.size });
    for (const call of pending.values()) call.reject(failure);
    pending.clear();
    for (const listener of failureListeners.splice(0)) listener(failure);
  };

  worker.on('message', (message: FromWorker) => {
    switch (message.type) {
      case 'ready':
        tensors = message.tensors;
        ready = true;
        settleLoad.resolve(message.info);
        return;
      case 'load-failed':
        disposing = Promise.resolve();
        settleLoad.reject(fromWireError(message.error));
        return;
      case 'result':
      case 'failed': {
        tensors = message.tensors;
        const call = pending.get(message.id);
        pending.delete(message.id);
        if (message.type === 'result') {
          call?.resolve(message.results);
        } else if (message.error.code === 'WORKER_STOPPED') {
          // The model's own threads are gone (the BiLSTM engine refuses all later calls): the worker is useless.
          if (call) pending.set(message.id, call);
          crash(message.error.message, fromWireError(message.error));
          void worker.terminate();
        } else {
          call?.reject(fromWireError(message.error));
        }
        return;
      }
      case 'disposed':
        onDisposed?.();
        return;
    }
  });
  worker.on('error', (error) => crash(`uncaught ${error.name}: ${error.message}`, error));
  worker.on('messageerror', (error) => crash('a message could not be read', error));
  worker.on('exit', (code) => {
    onDisposed?.();
    crash(`thread exited with code ${code}`);
  });

  const post = (message: ToWorker): void => worker.postMessage(message);
  const info = await loaded;
  return {
    info,
    threadId,
    classify(texts: readonly string[]): Promise<Classification[]> {
      if (failure) return Promise.reject(failure);
      if (disposing) return Promise.reject(new GatewayError('SHUTTING_DOWN', 'the model was disposed'));
      nextId += 1;
      const id = nextId;
      return new Promise<Classification[]>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        post({ type: 'classify', id, texts: [...texts] });
      });
    },
    tensorCount: () => tensors ?? undefined,
    terminate(): void {
      disposing ??= Promise.resolve();
      for (const call of pending.values()) {
        call.reject(new GatewayError('MODEL_CRASHED', 'the model worker was terminated'));
      }
      pending.clear();
      void worker.terminate();
    },
    onFailure(listener: (error: Error) => void): void {
      if (failure) listener(failure);
      else failureListeners.push(listener);
    },
    dispose(): Promise<void> {
      disposing ??= new Promise<void>((resolve) => {
        if (failure) {
          resolve();
          return;
        }
        // The thread (and the BiLSTM's own worker inside it) always ends: at once once the model is freed, or
        // after the timeout if freeing it hangs.
        const end = (): void => {
          clearTimeout(timer);
          onDisposed = undefined;
          void worker.terminate().then(() => resolve());
        };
        const timer = setTimeout(() => {
          logger.warn('model worker did not free the model in time; terminating it', { disposeTimeoutMs });
          end();
        }, disposeTimeoutMs);
        onDisposed = end;
        post({ type: 'dispose' });
      });
      return disposing;
    },
  };
}
