import { loadSentimentModel } from '@sentikit/sentiment';
import type { SentimentClassifier } from './classifier.ts';

/**
 * Loads the saved BiLSTM model in `dir`; the one import of `@sentikit/sentiment` (and so of TensorFlow.js).
 * @throws SentimentError when the folder is missing or is not a valid model
 */
export async function loadModel(dir: string): Promise<SentimentClassifier> {
  return await loadSentimentModel(dir);
}
