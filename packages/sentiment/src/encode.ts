import type { EncodedBatch, SentiTokenizer } from '@sentikit/tokenizer';
import type { ModelConfig } from './config.ts';

/**
 * Texts → a padded id batch as the model reads it: truncated to `maxLength` the configured way, padded after
 * the tokens, to `maxLength` when the model uses a fixed shape. A text with no tokens reads as one `<unk>`, so
 * every row has a real position to pool over.
 */
export function encodeForModel(
  tokenizer: SentiTokenizer,
  config: ModelConfig,
  texts: readonly string[],
): EncodedBatch {
  const fixed = config.fixedLength;
  const batch = tokenizer.encodeBatch(texts, {
    maxLength: config.maxLength,
    minLength: fixed ? config.maxLength : 1,
    padding: 'post',
    truncation: config.truncation,
  });
  const unk = tokenizer.vocabulary.unkId;
  for (let i = 0; i < batch.batchSize; i++) {
    if (batch.lengths[i] === 0) {
      batch.ids[i * batch.sequenceLength] = unk;
      batch.lengths[i] = 1;
    }
  }
  return batch;
}

/** Token counts of texts (before truncation), for sorting them into length buckets. */
export function tokenCounts(tokenizer: SentiTokenizer, texts: readonly string[]): Int32Array {
  return Int32Array.from(texts, (t) => tokenizer.tokenize(t).length);
}
