import { describe, expect, test } from 'vitest';
import { glovePath, hasSharedData, imdbPath, loadImdb, sharedDataDir } from './shared-data.ts';

test('paths point into the shared data folder', () => {
  expect(imdbPath('train').startsWith(sharedDataDir())).toBe(true);
  expect(glovePath().endsWith('glove.6B.50d.top50k.txt.gz')).toBe(true);
});

describe.skipIf(!hasSharedData())('on the shared IMDB data', () => {
  test('reads the first records with alternating labels', async () => {
    const records = await loadImdb('train', 4);
    expect(records).toHaveLength(4);
    expect(records.map((r) => r.label)).toEqual([1, 0, 1, 0]);
    expect(typeof records[0]?.text).toBe('string');
  });
});
