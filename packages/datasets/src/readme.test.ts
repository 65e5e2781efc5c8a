import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runReadmeExample } from '@sentikit/testkit';
import { expect, test } from 'vitest';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

test('the README example reads, reports the bad row and splits', async () => {
  const example = await runReadmeExample(packageDir);
  expect(example['counts']).toEqual({ read: 20, skipped: 1, train: 18, val: 2 });
  expect(example['classes']).toEqual(['bad', 'good']);
  expect(example['problem']).toBe('reviews.csv:22: unknown label "maybe" (expected one of: bad, good)');
});
