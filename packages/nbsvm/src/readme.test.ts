import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runReadmeExample } from '@sentikit/testkit';
import { expect, test } from 'vitest';
import type { NbSvmClassification, NbSvmModel } from './index.ts';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

test('the README usage example runs and gives what its comments say', async () => {
  const example = await runReadmeExample(packageDir);
  const results = example['results'] as NbSvmClassification[];
  expect(results.map((r) => r.label)).toEqual(['positive', 'negative']);
  expect(results[0]?.tokens).toBe(5);
  expect(results[0]?.score).toBeGreaterThan(0.5);
  expect((example['probabilities'] as Float32Array).length).toBe(2);
  const restored = example['restored'] as NbSvmModel;
  expect(restored.labels).toEqual(['negative', 'positive']);
});
