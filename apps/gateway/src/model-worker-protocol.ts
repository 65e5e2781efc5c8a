// The messages between the gateway and its model worker (src/model-worker.ts); internal, not in the package API.
import type { Classification, ModelInfo, SentimentClassifier } from './classifier.ts';

/** A module that loads a model (`load-model.ts`, or a test's fake): what the worker and `loadClassifier` import. */
export interface ModelLoaderModule {
  loadModel(dir: string): Promise<SentimentClassifier>;
}

/** An error as it crosses the thread boundary: enough to rebuild it for logs and error mapping. */
export interface WireError {
  name: string;
  message: string;
  code?: string;
  stack?: string;
}

/** What the worker is started with. */
export interface ModelWorkerData {
  /** URL of the module that loads the model; it exports `loadModel(dir)`. */
  loaderUrl: string;
  /** Folder of the saved model. */
  modelDir: string;
}

/** Gateway → worker. */
export type ToWorker = { type: 'classify'; id: number; texts: readonly string[] } | { type: 'dispose' };

/** Worker → gateway. */
export type FromWorker =
  | { type: 'ready'; info: ModelInfo; tensors: number | null }
  | { type: 'load-failed'; error: WireError }
  | { type: 'result'; id: number; results: Classification[]; tensors: number | null }
  | { type: 'failed'; id: number; error: WireError; tensors: number | null }
  | { type: 'disposed' };

/** Flattens an error for postMessage (keeps `code`, which structured clone of an Error would drop). */
export function toWireError(error: unknown): WireError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const code = (error as { code?: unknown }).code;
  return {
    name: error.name,
    message: error.message,
    ...(typeof code === 'string' ? { code } : {}),
    ...(error.stack ? { stack: error.stack } : {}),
  };
}

/** Rebuilds an error sent with {@link toWireError}: same name, message, code and stack. */
export function fromWireError(wire: WireError): Error {
  const error = new Error(wire.message);
  error.name = wire.name;
  if (wire.code !== undefined) Object.assign(error, { code: wire.code });
  if (wire.stack !== undefined) error.stack = wire.stack;
  return error;
}
