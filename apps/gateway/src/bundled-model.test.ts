import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { skipBecause } from '@sentikit/testkit';
import { afterAll, describe, expect, test } from 'vitest';
import { defaultModelDir } from './env.ts';
import { loadClassifier } from './model-loader.ts';
import { graphql, testGateway } from './test-support.ts';

// The bundled model is committed under models/imdb-bilstm; the gateway serves it by default.
const skip = skipBecause(
  existsSync(join(defaultModelDir, 'manifest.json'))
    ? undefined
    : `bundled model: no ${defaultModelDir}/manifest.json (a checkout without models/?)`,
  { failUnderCi: true },
);

describe.skipIf(skip)('the bundled IMDB model, served', () => {
  const gateway = testGateway(loadClassifier(defaultModelDir));
  afterAll(async () => {
    await gateway.close();
  });

  test('classifies clear reviews correctly and reports the model', async () => {
    await gateway.whenReady();
    const reply = await graphql(
      gateway,
      `query ($texts: [String!]!) {
        classifyBatch(texts: $texts) { label score tokens truncated probabilities { label probability } }
        model { name labels vocabularySize maxLength backend metrics { name value } }
      }`,
      {
        texts: [
          'One of the best films I have ever seen: moving, funny and beautifully acted.',
          'A boring, badly written mess. I want those two hours of my life back.',
        ],
      },
    );
    expect(reply.status).toBe(200);
    const data = reply.body.data as {
      classifyBatch: { label: string; score: number; tokens: number; truncated: boolean }[];
      model: {
        labels: string[];
        vocabularySize: number;
        maxLength: number;
        metrics: { name: string; value: number }[];
      };
    };
    expect(data.classifyBatch.map((c) => c.label)).toEqual(['positive', 'negative']);
    expect(data.classifyBatch[0]?.score).toBeGreaterThan(0.8);
    expect(data.classifyBatch[1]).toMatchObject({ tokens: 17, truncated: false });
    expect(data.model).toMatchObject({ labels: ['negative', 'positive'], maxLength: 400 });
    expect(data.model.vocabularySize).toBeGreaterThan(10_000);
    expect(data.model.metrics.find((m) => m.name === 'accuracy')?.value).toBeGreaterThan(0.85);
  }, 60_000);
});

describe.skipIf(skip)('a saved model whose files do not fit', () => {
  test('a text of only markup or invisible characters is EMPTY_TEXT with the real tokenizer', async () => {
    const gateway = testGateway(loadClassifier(defaultModelDir, { thread: 'main' }));
    await gateway.whenReady();
    const reply = await graphql(gateway, '{ classify(text: "<br /><br />\\u200b") { label } }');
    expect(reply.body.errors?.[0]?.extensions).toMatchObject({ code: 'EMPTY_TEXT' });
    await gateway.close();
  }, 60_000);

  test('weights of the wrong size fail with an error naming weights.bin and model.json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sentikit-bad-weights-'));
    try {
      cpSync(defaultModelDir, dir, { recursive: true });
      const weights = readFileSync(join(dir, 'weights.bin'));
      const cut = weights.subarray(0, weights.length - 4096);
      writeFileSync(join(dir, 'weights.bin'), cut);
      // A manifest that agrees with the cut file, as when weights and topology come from different saves.
      const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
      manifest.files['weights.bin'] = {
        bytes: cut.length,
        sha256: createHash('sha256').update(cut).digest('hex'),
      };
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
      await expect(loadClassifier(dir, { thread: 'main' })).rejects.toMatchObject({
        code: 'ARTIFACT_CORRUPT',
        message: expect.stringContaining(
          `${join(dir, 'weights.bin')} (${weights.length - 4096} bytes) does not fit`,
        ),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
