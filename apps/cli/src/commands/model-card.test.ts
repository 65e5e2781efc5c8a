import { expect, test } from 'vitest';
import { renderModelCard } from './model-card.ts';

test('the model card states data, tokenizer, configuration, training time, machine and metrics', () => {
  const card = renderModelCard(
    {
      name: 'imdb-bilstm',
      created: '2026-11-27',
      preset: 'default',
      data: {
        source: 'IMDB',
        train: 22_500,
        validation: 2_500,
        test: 25_000,
        classNames: ['negative', 'positive'],
      },
      tokenizer: { vocabularySize: 48_742, options: { lowercase: true } },
      embeddings: { source: 'glove.txt', found: 44_030, typeCoverage: 0.903, tokenCoverage: 0.99 },
      model: { pooling: 'max-mean' },
      training: { epochs: 4 },
      history: [
        { epoch: 1, trainLoss: 0.5, val: { loss: 0.32, accuracy: 0.86, f1: 0.87 }, seconds: 351.2 },
        { epoch: 2, trainLoss: 0.3, val: { loss: 0.28, accuracy: 0.88, f1: 0.88 }, seconds: 340 },
      ],
      bestEpoch: 2,
      minutes: 25.4,
      backend: 'wasm',
      test: { accuracy: 0.885, precision: 0.88, recall: 0.89, f1: 0.885, loss: 0.29 },
    },
    '2 × Test CPU, 24 GiB, Node v20',
  );
  expect(card).toContain('# imdb-bilstm');
  expect(card).toContain('22,500 texts for training, 2,500 for validation');
  expect(card).toContain('44,030 vocabulary words found (90.3% of types, 99.0% of tokens)');
  expect(card).toContain('25.4 minutes in all');
  expect(card).toContain('on 2 × Test CPU, 24 GiB, Node v20, tfjs backend `wasm`');
  expect(card).toContain('| 2 (kept) | 0.3000 | 0.2800 | 0.8800 | 0.8800 | 340 |');
  expect(card).toContain('| 0.8850 | 0.8800 | 0.8900 | 0.8850 | 0.2900 |');
  expect(card).toContain('"pooling": "max-mean"');
});
