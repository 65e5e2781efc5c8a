import { selectBackend } from '@sentikit/bilstm';
import { glovePath, loadImdb, skipWithoutSharedData } from '@sentikit/testkit';
import { describe, expect, test } from 'vitest';
import { trainSentimentModel } from './pipeline.ts';

describe.skipIf(skipWithoutSharedData())('on the shared IMDB data and GloVe vectors', () => {
  test('a 2,000-review subset trains in two epochs above 70% validation accuracy', async () => {
    await selectBackend('wasm');
    const records = await loadImdb('train', 2000); // positive and negative alternate
    const part = (from: number, to: number) => ({
      texts: records.slice(from, to).map((r) => r.text),
      labels: records.slice(from, to).map((r) => r.label),
    });
    const info: string[] = [];
    const { model, training } = await trainSentimentModel({
      train: part(0, 1800),
      validation: part(1800, 2000),
      labels: ['negative', 'positive'],
      embeddings: glovePath(),
      // two short epochs: dropout off (it pays off over full runs, not over 226 steps)
      model: { maxLength: 256, dropout: 0, embeddingDropout: 0 },
      training: { epochs: 2, batchSize: 16, learningRate: 2e-3, warmupSteps: 0, schedule: 'constant' },
      seed: 1,
      logger: { info: (m) => info.push(m), warn: (m) => info.push(m) },
    });
    expect(model.config.embeddingDim).toBe(50);
    expect(info.some((m) => m.startsWith('embeddings: '))).toBe(true);
    expect(training.history.at(-1)?.val?.accuracy).toBeGreaterThan(0.7);
    model.dispose();
  }, 300_000);
});
