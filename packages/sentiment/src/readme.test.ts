import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runReadmeExample } from '@sentikit/testkit';
import { expect, test } from 'vitest';
import type { Classification } from './index.ts';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

test('the README usage example trains, classifies, saves and loads', async () => {
  const example = await runReadmeExample(packageDir);
  expect(example['epochs']).toBe(30);
  const [pos, neg] = example['predictions'] as Classification[];
  expect(pos).toMatchObject({ label: 'positive', tokens: 3, truncated: false });
  expect(neg).toMatchObject({ label: 'negative', tokens: 3 });
  const [again] = example['reloaded'] as Classification[];
  expect(again?.label).toBe('positive');
  expect(again?.score).toBeCloseTo(pos?.score ?? Number.NaN, 6);
}, 60_000);
