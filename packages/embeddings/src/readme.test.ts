import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runReadmeExample } from '@sentikit/testkit';
import { expect, test } from 'vitest';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

test('the README usage example runs and gives what its comments say', async () => {
  const ex = await runReadmeExample(packageDir);
  expect(ex['dim']).toBe(3);
  expect(ex['rows']).toBe(5);
  expect(ex['goodRow']).toEqual([0.9, 0.1, 0.3].map(Math.fround));
  expect(ex['padRow']).toEqual([0, 0, 0]);
  expect(ex['coverage']).toEqual({ types: 0.5, tokens: expect.closeTo(160 / 170, 12) });
  expect(ex['missing']).toEqual(['awful', '<unk>']);
  expect(ex['fromCache']).toEqual([false, true]);
  expect(ex['nearest']).toEqual(['great', 'table']);
});
