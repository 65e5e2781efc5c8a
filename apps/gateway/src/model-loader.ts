import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SentimentClassifier } from './classifier.ts';

/**
 * Loads the saved model through `load-model.ts`, the one file that imports `@sentikit/bilstm`. It is imported
 * at run time, so tests and type checks of the gateway never load TensorFlow.js.
 */
export async function loadClassifier(dir: string): Promise<SentimentClassifier> {
  const ext = extname(fileURLToPath(import.meta.url));
  const module = (await import(new URL(`./load-model${ext}`, import.meta.url).href)) as {
    loadModel: (dir: string) => Promise<SentimentClassifier>;
  };
  return module.loadModel(dir);
}
