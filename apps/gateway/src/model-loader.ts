import type { SentimentClassifier } from './classifier.ts';
import type { Logger } from './logger.ts';
import type { ModelLoaderModule } from './model-worker-protocol.ts';
import { defaultLoaderUrl, loadWorkerClassifier } from './worker-classifier.ts';

/** Where the model computes: `worker`, a worker thread of its own; `main`, the gateway's event-loop thread. */
export type ModelThread = 'worker' | 'main';

/** Options of {@link loadClassifier}. */
export interface LoadClassifierOptions {
  /** Where the model runs. @default 'worker' */
  thread?: ModelThread;
  /** Where a crash of the model worker is logged. @default silentLogger */
  logger?: Logger;
  /** Module that loads the model (`loadModel(dir)`); fault-injection tests pass their own. @default `load-model.ts` */
  loaderUrl?: URL;
}

/**
 * Loads the saved model in `dir` on a worker thread (the default; see `worker-classifier.ts`) or in this
 * thread through `load-model.ts`, the one file that imports `@sentikit/sentiment`. Either way it is imported at
 * run time, so tests and type checks of the gateway never load TensorFlow.js.
 * @throws SentimentError (or its rebuilt copy, from a worker) when the folder is missing or is not a valid model
 */
export async function loadClassifier(
  dir: string,
  options: LoadClassifierOptions = {},
): Promise<SentimentClassifier> {
  if ((options.thread ?? 'worker') === 'worker') {
    return loadWorkerClassifier({
      modelDir: dir,
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.loaderUrl ? { loaderUrl: options.loaderUrl } : {}),
    });
  }
  const module = (await import((options.loaderUrl ?? defaultLoaderUrl).href)) as ModelLoaderModule;
  return module.loadModel(dir);
}
