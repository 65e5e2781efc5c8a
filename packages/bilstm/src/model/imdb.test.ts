import { loadEmbeddings } from '@sentikit/embeddings';
import { glovePath, hasSharedData, loadImdb } from '@sentikit/testkit';
import { SentiTokenizer } from '@sentikit/tokenizer';
import { describe, expect, test } from 'vitest';
import { selectBackend } from '../backend/select-backend.ts';
import { presets } from './config.ts';
import { evaluateModel } from './evaluate.ts';
import { SentimentModel } from './sentiment-model.ts';
import { train } from './train.ts';

describe.skipIf(!hasSharedData())('on the shared IMDB data and GloVe vectors', () => {
  test('a 2,000-review subset trains for one epoch above 70% validation accuracy', async () => {
    await selectBackend('wasm');
    const records = await loadImdb('train', 2000); // positive and negative alternate
    const trainSet = {
      texts: records.slice(0, 1800).map((r) => r.text),
      labels: records.slice(0, 1800).map((r) => r.label),
    };
    const valSet = {
      texts: records.slice(1800).map((r) => r.text),
      labels: records.slice(1800).map((r) => r.label),
    };
    const tokenizer = await SentiTokenizer.train(trainSet.texts, { maxSize: 50_000, minFreq: 1 });
    const glove = await loadEmbeddings(glovePath(), { vocabulary: tokenizer.vocabulary, seed: 1 });
    expect(glove.dim).toBe(50);
    const model = SentimentModel.create({
      tokenizer,
      // one short epoch: dropout off (it pays off over full runs, not over 113 steps)
      config: { ...presets.default.model, maxLength: 256, dropout: 0, embeddingDropout: 0 },
      embeddings: glove.matrix,
    });
    await train(model, trainSet, { epochs: 1, batchSize: 16, learningRate: 2e-3, seed: 1 });
    const val = evaluateModel(model, valSet);
    expect(val.accuracy).toBeGreaterThan(0.7);
    model.dispose();
  }, 300_000);
});
