import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveClassifier, trainNbSvmClassifier } from '@sentikit/sentiment';
import { afterAll, expect, test } from 'vitest';
import { loadClassifier } from './model-loader.ts';
import { graphql, testGateway } from './test-support.ts';

const good = ['a great film', 'wonderful acting', 'loved it', 'a joy to watch', 'brilliant and moving'];
const bad = ['an awful film', 'terrible acting', 'hated it', 'a waste of time', 'boring and dull'];
const dir = mkdtempSync(join(tmpdir(), 'gateway-nbsvm-'));
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('an NB-SVM artifact is served like the BiLSTM, and the model query names its family', async () => {
  const texts = [...good, ...bad, ...good, ...bad];
  const labels = texts.map((_, i) => (Math.floor(i / 5) % 2 === 0 ? 1 : 0));
  const { classifier } = await trainNbSvmClassifier({
    train: { texts, labels },
    labels: ['negative', 'positive'],
    nbsvm: { ngrams: 2, c: 1, calibrationFolds: 2 },
    name: 'tiny-nbsvm',
  });
  await saveClassifier(classifier, dir);
  const gateway = testGateway(loadClassifier(dir));
  try {
    await gateway.whenReady();
    const reply = await graphql(
      gateway,
      `query ($texts: [String!]!) {
        classifyBatch(texts: $texts) { label tokens truncated }
        model { name family maxLength backend }
      }`,
      { texts: ['a wonderful film , loved it', 'boring , awful acting'] },
    );
    expect(reply.status).toBe(200);
    expect(reply.body.data).toEqual({
      classifyBatch: [
        { label: 'positive', tokens: 6, truncated: false },
        { label: 'negative', tokens: 4, truncated: false },
      ],
      model: { name: 'tiny-nbsvm', family: 'nbsvm', maxLength: 0, backend: 'typescript' },
    });
  } finally {
    await gateway.close();
  }
}, 60_000);
