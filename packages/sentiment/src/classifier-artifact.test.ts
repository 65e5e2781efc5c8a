import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selectBackend } from '@sentikit/bilstm';
import { SentiTokenizer } from '@sentikit/tokenizer';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { toyTask } from '../test/toy-task.ts';
import type { TextClassifier } from './classifier.ts';
import { loadClassifier, saveClassifier } from './classifier-artifact.ts';
import { EnsembleClassifier } from './ensemble.ts';
import type { NbSvmClassifier } from './nbsvm-classifier.ts';
import { buildEnsemble, trainNbSvmClassifier } from './nbsvm-pipeline.ts';
import { SentimentModel } from './sentiment-model.ts';

const data = toyTask(400, 1);
const val = toyTask(200, 2);
const labels = ['negative', 'positive'];
let dir: string;

beforeAll(async () => {
  await selectBackend('wasm');
  dir = await mkdtemp(join(tmpdir(), 'sentikit-families-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const nbsvm = async (): Promise<NbSvmClassifier> =>
  (
    await trainNbSvmClassifier({
      train: data,
      test: val,
      labels,
      nbsvm: { ngrams: 2, c: 0.5, calibrationFolds: 2 },
    })
  ).classifier;

describe('NB-SVM as a SentiKit model', () => {
  test('trains through the pipeline, reports metrics and the nbsvm family', async () => {
    const result = await trainNbSvmClassifier({
      train: data,
      validation: val,
      test: val,
      labels,
      nbsvm: { ngrams: 2, c: 0.5, calibrationFolds: 2 },
    });
    expect(result.test?.accuracy).toBeGreaterThan(0.9);
    expect(result.classifier.info).toMatchObject({
      family: 'nbsvm',
      labels,
      maxLength: 0,
      backend: 'typescript',
    });
    expect(result.classifier.info.metrics?.['accuracy']).toBe(result.test?.accuracy);
    expect(result.stats.numFeatures).toBe(result.classifier.model.numFeatures);
  });

  test('saves with a checksummed manifest and loads back through loadClassifier', async () => {
    const model = await nbsvm();
    const path = join(dir, 'nbsvm');
    const manifest = await saveClassifier(model, path, { metrics: { test: { accuracy: 0.9 } } });
    expect(manifest.family).toBe('nbsvm');
    expect(Object.keys(manifest.files).sort()).toEqual(['metrics.json', 'nbsvm.bin', 'nbsvm.json']);
    const loaded = await loadClassifier(path);
    expect(loaded.family).toBe('nbsvm');
    expect(loaded.info.metrics).toEqual({ accuracy: 0.9 });
    expect(await loaded.predictProbabilities(val.texts.slice(0, 20))).toEqual(
      await model.predictProbabilities(val.texts.slice(0, 20)),
    );
    const bin = await readFile(join(path, 'nbsvm.bin'));
    bin[0] = (bin[0] as number) ^ 1;
    await writeFile(join(path, 'nbsvm.bin'), bin);
    await expect(loadClassifier(path)).rejects.toMatchObject({
      code: 'ARTIFACT_CORRUPT',
      message: expect.stringMatching(/nbsvm.bin does not match its manifest/),
    });
  });
});

describe('ensembles', () => {
  test('a BiLSTM and an NB-SVM: weights from validation, one artifact, loaded back as one classifier', async () => {
    const tokenizer = await SentiTokenizer.train(data.texts);
    const bilstm = SentimentModel.create({
      tokenizer,
      config: { embeddingDim: 8, hidden: 8, ffn: 8, maxLength: 32, seed: 3 },
    });
    const members: TextClassifier[] = [bilstm, await nbsvm()];
    const {
      ensemble,
      validation,
      test: testMetrics,
    } = await buildEnsemble({ members, validation: val, test: val, step: 0.1 });
    // the untrained BiLSTM is at chance, so validation gives (nearly) all weight to the NB-SVM
    expect(ensemble.weights[1]).toBeGreaterThanOrEqual(0.5);
    expect(ensemble.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(validation.accuracy).toBeGreaterThan(0.9);
    expect(testMetrics?.accuracy).toBe(validation.accuracy);
    const classified = await ensemble.classify(val.texts.slice(0, 5));
    const probs = await ensemble.predictProbabilities(val.texts.slice(0, 5));
    for (const [i, c] of classified.entries())
      expect(c.probabilities[1]?.probability).toBeCloseTo(probs[2 * i + 1] as number, 5);

    const path = join(dir, 'ensemble');
    const manifest = await saveClassifier(ensemble, path);
    expect(manifest.family).toBe('ensemble');
    expect(Object.keys(manifest.files)).toContain('members/0-bilstm/manifest.json');
    const loaded = await loadClassifier(path);
    expect(loaded).toBeInstanceOf(EnsembleClassifier);
    expect((loaded as EnsembleClassifier).weights).toEqual(ensemble.weights);
    expect(loaded.info.family).toBe('ensemble');
    expect((loaded as EnsembleClassifier).tensorCount()).toBe(tf.memory().numTensors);
    expect(await loaded.predictProbabilities(val.texts.slice(0, 5))).toEqual(probs);
    loaded.dispose();

    // a member changed after saving is caught by the top manifest's checksum of its manifest
    await writeFile(join(path, 'members/1-nbsvm/manifest.json'), '{}');
    await expect(loadClassifier(path)).rejects.toMatchObject({ code: 'ARTIFACT_CORRUPT' });
    const before = tf.memory().numTensors;
    ensemble.dispose();
    expect(tf.memory().numTensors).toBeLessThan(before);
  });

  test('members must share labels', async () => {
    const a = await nbsvm();
    const other = await trainNbSvmClassifier({
      train: data,
      labels: ['bad', 'good'],
      nbsvm: { calibrationFolds: 2 },
    });
    expect(() => new EnsembleClassifier([a, other.classifier], [0.5, 0.5])).toThrow(/must share labels/);
    expect(() => new EnsembleClassifier([a], [0.5, 0.5])).toThrow(/one weight per member/);
  });
});
