import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selectBackend } from '@sentikit/bilstm';
import { SentiTokenizer } from '@sentikit/tokenizer';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { toyTask } from '../test/toy-task.ts';
import { loadSentimentModel, saveSentimentModel } from './artifact.ts';
import type { ModelConfigInput } from './config.ts';
import { evaluateModel } from './evaluate.ts';
import { SentimentModel } from './sentiment-model.ts';
import { train } from './train.ts';

const small: Omit<ModelConfigInput, 'vocabSize'> = {
  embeddingDim: 16,
  hidden: 16,
  ffn: 16,
  pooling: 'max',
  maxLength: 32,
  seed: 3,
};
const data = toyTask(600, 1);
const val = toyTask(200, 2);
let tokenizer: SentiTokenizer;
let dir: string;

beforeAll(async () => {
  await selectBackend('wasm');
  tokenizer = await SentiTokenizer.train(data.texts);
  dir = await mkdtemp(join(tmpdir(), 'sentikit-model-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const fresh = (config = small) => SentimentModel.create({ tokenizer, config });
const weightsOf = (m: SentimentModel) => m.network.getWeights().map((w) => Array.from(w.dataSync()));

test('create and dispose leave no tensor behind', () => {
  const before = tf.memory().numTensors;
  const model = fresh({ ...small, layers: 2 });
  expect(tf.memory().numTensors).toBeGreaterThan(before);
  model.dispose();
  expect(tf.memory().numTensors).toBe(before);
});

describe('training', () => {
  test('learns a small task to at least 95% validation accuracy', async () => {
    const model = fresh();
    const epochs: number[] = [];
    const result = await train(model, data, {
      valSet: val,
      epochs: 6,
      batchSize: 32,
      learningRate: 5e-3,
      callbacks: { onEpochEnd: (r) => epochs.push(r.val?.accuracy ?? 0) },
    });
    expect(result.history).toHaveLength(6);
    expect(evaluateModel(model, val).accuracy).toBeGreaterThanOrEqual(0.95);
    // the best epoch's weights are the ones kept
    expect(evaluateModel(model, val).accuracy).toBe(Math.max(...epochs));
    model.dispose();
  });

  test('the same seed, data and backend give the same weights', async () => {
    const a = fresh();
    const b = fresh();
    await train(a, data, { epochs: 1, batchSize: 32, seed: 9 });
    await train(b, data, { epochs: 1, batchSize: 32, seed: 9 });
    expect(weightsOf(a)).toEqual(weightsOf(b));
  });

  test('resuming from a checkpoint equals an uninterrupted run', async () => {
    const opts = { epochs: 2, batchSize: 32, seed: 5, valSet: val, learningRate: 3e-3 };
    const whole = fresh({ ...small, dropout: 0.2, embeddingDropout: 0.1 });
    await train(whole, data, opts);
    const ckpt = join(dir, 'ckpt');
    const first = fresh({ ...small, dropout: 0.2, embeddingDropout: 0.1 });
    const controller = new AbortController();
    let batches = 0;
    await train(first, data, {
      ...opts,
      checkpointDir: ckpt,
      signal: controller.signal,
      callbacks: {
        // stop during epoch 2: only epoch 1 is in the checkpoint
        onBatchEnd: (e) => {
          if (e.epoch === 2 && ++batches === 3) controller.abort();
        },
      },
    });
    const resumed = fresh({ ...small, dropout: 0.2, embeddingDropout: 0.1 });
    const result = await train(resumed, data, { ...opts, checkpointDir: ckpt, resume: true });
    expect(result.history.map((h) => h.epoch)).toEqual([1, 2]);
    expect(weightsOf(resumed)).toEqual(weightsOf(whole));
  });

  test('an interruption saves a checkpoint inside the epoch, and resuming from it equals an uninterrupted run', async () => {
    const opts = { epochs: 1, batchSize: 32, seed: 6, learningRate: 3e-3 };
    const whole = fresh();
    await train(whole, data, opts);
    const ckpt = join(dir, 'ckpt-mid');
    const controller = new AbortController();
    const first = fresh();
    const stopped = await train(first, data, {
      ...opts,
      checkpointDir: ckpt,
      signal: controller.signal,
      callbacks: { onBatchEnd: (e) => e.done === 5 && controller.abort() },
    });
    expect(stopped.aborted).toBe(true);
    const resumed = fresh();
    let firstBatch = 0;
    await train(resumed, data, {
      ...opts,
      checkpointDir: ckpt,
      resume: true,
      callbacks: { onBatchEnd: (e) => (firstBatch ||= e.done) },
    });
    expect(firstBatch).toBe(6);
    expect(weightsOf(resumed)).toEqual(weightsOf(whole));
  });

  test('resume refuses a checkpoint of another run, naming what differs', async () => {
    const opts = { epochs: 1, batchSize: 32, seed: 7, learningRate: 3e-3 };
    const ckpt = join(dir, 'ckpt-other');
    await train(fresh(), data, { ...opts, checkpointDir: ckpt });
    const again = (over: object, set = data) =>
      train(fresh(), set, { ...opts, ...over, checkpointDir: ckpt, resume: true });
    await expect(again({ batchSize: 16, learningRate: 1e-3 })).rejects.toMatchObject({
      code: 'CHECKPOINT_MISMATCH',
      message: `the checkpoint in ${ckpt} is from another run: batchSize 32 there, 16 now; learningRate 0.003 there, 0.001 now; resume with the same data and options, or delete ${ckpt} to start over`,
    });
    await expect(again({}, toyTask(600, 9))).rejects.toThrow(
      /^the checkpoint in .* is from another run: the training data differs \(600\+0 rows there, 600\+0 now\);/,
    );
    await expect(again({ seed: 8 })).rejects.toThrow(/: seed 7 there, 8 now;/);
    // the same run resumes (here: nothing left to do)
    await expect(again({})).resolves.toMatchObject({ aborted: false });
  });

  test('an abort stops after the current batch', async () => {
    const model = fresh();
    const controller = new AbortController();
    let seen = 0;
    const result = await train(model, data, {
      epochs: 3,
      batchSize: 32,
      signal: controller.signal,
      callbacks: {
        onBatchEnd: () => {
          seen++;
          if (seen === 2) controller.abort();
        },
      },
    });
    expect(result.aborted).toBe(true);
    expect(seen).toBe(2);
  });

  test('bad data and options get clear errors', async () => {
    const model = fresh();
    await expect(train(model, { texts: ['a'], labels: [2] })).rejects.toThrow(
      /label 2 at index 0 is not a class index in 0..1/,
    );
    await expect(train(model, { texts: ['a', 'b'], labels: [1] })).rejects.toThrow(/2 texts but 1 labels/);
    await expect(train(model, data, { epochs: 0 })).rejects.toThrow(/epochs/);
    expect(() => SentimentModel.create({ tokenizer, config: { ...small, hidden: -1 } })).toThrow(/hidden/);
  });
});

describe('classify and artifacts', () => {
  let model: SentimentModel;
  beforeAll(async () => {
    model = fresh();
    await train(model, data, { epochs: 2, batchSize: 32, learningRate: 5e-3 });
  });

  test('results do not depend on the rest of the batch', async () => {
    const text = 'the film was great and the plot superb';
    const [alone] = await model.classify([text]);
    const others = [
      'dull',
      'the the the the the the the the the the the the the the the the the the the awful',
      '',
    ];
    const mixed = await model.classify([...others, text]);
    const p = mixed[3]?.probabilities[1]?.probability ?? 0;
    expect(Math.abs(p - (alone?.probabilities[1]?.probability ?? 1))).toBeLessThan(1e-5);
    expect(alone).toMatchObject({ tokens: 8, truncated: false });
    expect(alone?.probabilities.map((x) => x.label)).toEqual(['negative', 'positive']);
  });

  test('an unmasked model padded per batch (like the seed) is still batch-invariant at inference', async () => {
    const seedLike = fresh({ ...small, masking: false, pooling: 'last' });
    await train(seedLike, data, { epochs: 1, batchSize: 32 });
    const text = 'the film was great and the plot superb';
    const [alone] = await seedLike.classify([text]);
    const mixed = await seedLike.classify([
      'dull',
      'the the the the the the the the the the awful',
      text,
      'great plot',
    ]);
    expect(mixed[2]?.probabilities[1]?.probability).toBe(alone?.probabilities[1]?.probability);
    seedLike.dispose();
  });

  test('reports truncation and handles empty text', async () => {
    const [long, empty] = await model.classify([Array(50).fill('great').join(' '), '']);
    expect(long).toMatchObject({ tokens: 50, truncated: true, label: 'positive' });
    expect(empty?.tokens).toBe(0);
    expect(empty?.score).toBeGreaterThan(0);
  });

  test('no tensor leaks over 10,000 classifications', async () => {
    await model.classify(['warm up']);
    const before = tf.memory().numTensors;
    const texts = toyTask(10_000, 7).texts;
    const out = await model.classify(texts, { batchSize: 256 });
    expect(out).toHaveLength(10_000);
    expect(tf.memory().numTensors).toBe(before);
  });

  test('save → load gives identical probabilities, and the files are standard tfjs', async () => {
    const target = join(dir, 'model');
    await saveSentimentModel(model, target, { metrics: { test: { accuracy: 0.9 } } });
    const loaded = await loadSentimentModel(target);
    const texts = val.texts.slice(0, 50);
    expect(loaded.probabilities(texts).probs).toEqual(model.probabilities(texts).probs);
    expect(loaded.info).toMatchObject({
      labels: ['negative', 'positive'],
      maxLength: 32,
      metrics: { accuracy: 0.9 },
    });
    // model.json + weights.bin load with plain tf.loadLayersModel once the package's layers are registered
    const modelJson = JSON.parse(await readFile(join(target, 'model.json'), 'utf8'));
    const weights = await readFile(join(target, 'weights.bin'));
    const net = await tfl.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: modelJson.modelTopology,
        weightSpecs: modelJson.weightsManifest[0].weights,
        weightData: new Uint8Array(weights).buffer,
      }),
    );
    const ids = tf.tensor2d([[2, 3, 4, 0]], [1, 4], 'int32');
    expect(Array.from((net.predict(ids) as tf.Tensor).dataSync())).toEqual(
      Array.from((model.network.predict(ids) as tf.Tensor).dataSync()),
    );
    loaded.dispose();
  });

  test('a corrupted, incomplete or newer artifact is refused', async () => {
    const target = join(dir, 'bad');
    await saveSentimentModel(model, target);
    const weights = await readFile(join(target, 'weights.bin'));
    weights[100] = (weights[100] ?? 0) ^ 0xff;
    await writeFile(join(target, 'weights.bin'), weights);
    await expect(loadSentimentModel(target)).rejects.toMatchObject({
      code: 'ARTIFACT_CORRUPT',
      message: expect.stringContaining('weights.bin'),
    });
    await saveSentimentModel(model, target);
    await rm(join(target, 'tokenizer.json'));
    await expect(loadSentimentModel(target)).rejects.toMatchObject({
      code: 'ARTIFACT_MISSING',
      message: expect.stringContaining('tokenizer.json'),
    });
    await saveSentimentModel(model, target);
    const manifest = JSON.parse(await readFile(join(target, 'manifest.json'), 'utf8'));
    await writeFile(join(target, 'manifest.json'), JSON.stringify({ ...manifest, version: 99 }));
    await expect(loadSentimentModel(target)).rejects.toMatchObject({ code: 'ARTIFACT_VERSION' });
    await expect(loadSentimentModel(join(dir, 'nowhere'))).rejects.toMatchObject({
      code: 'ARTIFACT_MISSING',
    });
  });

  test('an interrupted save leaves the previous artifact intact', async () => {
    const target = join(dir, 'atomic');
    await saveSentimentModel(model, target);
    const before = await readFile(join(target, 'manifest.json'), 'utf8');
    const bad = { extraFiles: { 'x/y.txt': 'no such sub-directory, so this write fails' } };
    await expect(saveSentimentModel(model, target, bad)).rejects.toThrow();
    expect(await readFile(join(target, 'manifest.json'), 'utf8')).toBe(before);
    await expect(loadSentimentModel(target)).resolves.toBeInstanceOf(SentimentModel);
  });
});
