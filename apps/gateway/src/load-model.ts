import { loadSentimentModel } from '@sentikit/bilstm';
import type { SentimentClassifier } from './classifier.ts';

/**
 * Loads the saved BiLSTM model in `dir`; the one import of `@sentikit/bilstm` (and so of TensorFlow.js).
 * @throws BilstmError when the folder is missing or is not a valid model
 */
export async function loadModel(dir: string): Promise<SentimentClassifier> {
  return await loadSentimentModel(dir);
}
