import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runReadmeExample } from '@sentikit/testkit';
import { expect, test } from 'vitest';
import type { Classification, TrainResult } from './index.ts';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

test('the README usage example trains a model and classifies', async () => {
  const example = await runReadmeExample(packageDir);
  const result = example['result'] as TrainResult;
  expect(result.history).toHaveLength(30);
  const [pos, neg] = example['predictions'] as Classification[];
  expect(pos).toMatchObject({ label: 'positive', tokens: 3, truncated: false });
  expect(neg).toMatchObject({ label: 'negative', tokens: 3 });
}, 60_000);
