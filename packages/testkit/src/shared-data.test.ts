import { describe, expect, test, vi } from 'vitest';
import {
  glovePath,
  imdbPath,
  loadImdb,
  sharedDataDir,
  skipBecause,
  skipWithoutSharedData,
} from './shared-data.ts';

test('paths point into the shared data folder', () => {
  expect(imdbPath('train').startsWith(sharedDataDir())).toBe(true);
  expect(glovePath().endsWith('glove.6B.50d.top50k.txt.gz')).toBe(true);
});

describe.skipIf(skipWithoutSharedData())('on the shared IMDB data', () => {
  test('reads the first records with alternating labels', async () => {
    const records = await loadImdb('train', 4);
    expect(records).toHaveLength(4);
    expect(records.map((r) => r.label)).toEqual([1, 0, 1, 0]);
    expect(typeof records[0]?.text).toBe('string');
  });
});

describe('skipBecause', () => {
  test('runs without a reason; skips with one, saying why on stderr; throws under CI when asked to', () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    vi.stubEnv('CI', '');
    try {
      expect(skipBecause(undefined)).toBe(false);
      expect(write).not.toHaveBeenCalled();
      expect(skipBecause('no chromium', { failUnderCi: true })).toBe(true);
      expect(write).toHaveBeenCalledWith('skipped: no chromium\n');
      expect(skipWithoutSharedData(['/no/such/file'])).toBe(true);
      expect(write).toHaveBeenLastCalledWith(
        'skipped: no shared data (/no/such/file); set SENTIKIT_SHARED_DATA to use it\n',
      );
      vi.stubEnv('CI', 'true');
      expect(() => skipBecause('no chromium', { failUnderCi: true })).toThrow(
        'CI must not skip this suite: no chromium',
      );
      expect(() => skipWithoutSharedData(['/no/such/file'])).toThrow(/^CI needs the shared data/);
    } finally {
      write.mockRestore();
      vi.unstubAllEnvs();
    }
  });
});
