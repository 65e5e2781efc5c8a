import { loadClassifier } from '@sentikit/sentiment';
import type { SentimentClassifier } from './classifier.ts';

/**
 * Loads the saved model in `dir`, of any family (BiLSTM, NB-SVM, ensemble); the one import of `@sentikit/sentiment` (and so of TensorFlow.js).
 * @throws SentimentError when the folder is missing or is not a valid model
 */
export async function loadModel(dir: string): Promise<SentimentClassifier> {
  return await loadClassifier(dir);
}
