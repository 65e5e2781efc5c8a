import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runReadmeExample } from '@sentikit/testkit';
import { expect, test } from 'vitest';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

test('the README usage example runs the layer forward and backward', async () => {
  const example = await runReadmeExample(packageDir);
  expect(example['outputShape']).toEqual([2, 5, 32]);
  expect(example['gradientShape']).toEqual([2, 5, 8]);
}, 60_000);
