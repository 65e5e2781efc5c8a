import { fileURLToPath } from 'node:url';
import { runReadmeExample } from '@sentikit/testkit';
import { expect, test } from 'vitest';
import type { EncodedBatch, SentiTokenizer } from './index.ts';

test('the README usage example runs and does what its comments say', async () => {
  const example = await runReadmeExample(fileURLToPath(new URL('..', import.meta.url)));
  expect(example['tokens']).toEqual([
    'i',
    'did',
    "n't",
    'like',
    'it',
    '.',
    'the',
    'u.s.',
    'cut',
    'is',
    'well-made',
    '!',
  ]);
  const ids = example['ids'] as Int32Array;
  expect(ids).toBeInstanceOf(Int32Array);
  expect(ids[2]).toBe(1);
  expect(example['decoded']).toEqual(['a', 'great', '<unk>', '!']);
  const batch = example['batch'] as EncodedBatch;
  expect(batch.sequenceLength).toBe(6);
  expect([...batch.tokenCounts]).toEqual([8, 9, 2]);
  expect(batch.truncated).toEqual([true, true, false]);
  const restored = example['restored'] as SentiTokenizer;
  expect([...restored.encode('A great zebra!')]).toEqual([...ids]);
});
