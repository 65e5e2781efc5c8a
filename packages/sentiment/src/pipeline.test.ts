import { selectBackend } from '@sentikit/bilstm';
import { SentiTokenizer } from '@sentikit/tokenizer';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { toyTask } from '../test/toy-task.ts';
import { trainSentimentModel } from './pipeline.ts';
import { SentimentModel } from './sentiment-model.ts';
import { train } from './train.ts';

const tiny = { embeddingDim: 8, hidden: 8, ffn: 8 };
const labels = ['negative', 'positive'];

describe('trainSentimentModel: adaptive settings and guard rails', () => {
  beforeAll(async () => {
    await selectBackend('cpu');
  });

  test('default: settings from the data, explicit options win, reasons logged, warnings returned', async () => {
    const logged: string[] = [];
    const warned: string[] = [];
    const run = await trainSentimentModel({
      train: toyTask(120, 1),
      validation: toyTask(40, 2),
      labels,
      model: tiny,
      training: { epochs: 2, learningRate: 0.01 },
      logger: { info: (m) => logged.push(m), warn: (m) => warned.push(m) },
    });
    expect(run.settings.map((c) => c.setting)).toEqual([
      'model.maxLength',
      'training.batchSize',
      'training.warmupSteps',
      'training.earlyStopping',
      'model.dropout',
      'model.embeddingDropout',
    ]);
    expect(run.model.config.maxLength).toBe(run.settings[0]?.value);
    expect(run.options).toMatchObject({ epochs: 2, batchSize: 32, learningRate: 0.01 });
    expect(logged).toContain('training.epochs: 2 (given; the data suggested 20)');
    expect(run.options.warmupSteps).toBe(1); // 5% of the 8 steps of the given 2 epochs, at least 1 (not of 20)
    expect(
      logged.some((m) => /^model\.maxLength: \d+ \(95% of training texts have at most \d+ tokens\)$/.test(m)),
    ).toBe(true);
    expect(warned).toEqual(run.warnings);
    expect(run.warnings[0]).toMatch(/^the validation set is tiny \(40 texts, 20 in its smallest class\)/);
    run.model.dispose();
  }, 60_000);

  test('the seed preset adapts nothing; a one-class training set is refused', async () => {
    const run = await trainSentimentModel({
      train: toyTask(40, 3),
      labels,
      preset: 'seed',
      model: tiny,
      training: { epochs: 1 },
    });
    expect(run.settings).toEqual([]);
    expect(run.model.config.maxLength).toBe(256);
    expect(run.warnings).toEqual([expect.stringMatching(/^no validation set/)]);
    run.model.dispose();
    await expect(
      trainSentimentModel({ train: { texts: ['a', 'b'], labels: [1, 1] }, labels, model: tiny }),
    ).rejects.toThrow(/only one class \(positive\).*--label-map/);
  }, 60_000);

  test('training with validation, class weights and the best epoch restored leaves no tensor behind', async () => {
    const data = toyTask(60, 4);
    const tokenizer = await SentiTokenizer.train(data.texts, { maxSize: 1000, minFreq: 1 });
    const model = SentimentModel.create({ tokenizer, config: { ...tiny, labels } });
    const before = tf.memory().numTensors;
    await train(model, data, {
      epochs: 2,
      valSet: toyTask(20, 5),
      classWeights: 'balanced',
      earlyStopping: { metric: 'macro-f1', patience: 1 },
    });
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  }, 60_000);
});
