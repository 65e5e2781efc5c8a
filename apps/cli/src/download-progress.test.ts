import { expect, test } from 'vitest';
import { createDownloadProgress, formatBytes } from './download-progress.ts';

test('formats bytes in decimal units', () => {
  expect([512, 1500, 84_125_825, 2e9].map(formatBytes)).toEqual(['512 B', '1.5 kB', '84.1 MB', '2.00 GB']);
});

test('plain lines are throttled by the clock and the last chunk is always shown', () => {
  const lines: string[] = [];
  let t = 0;
  const progress = createDownloadProgress({
    stream: { write: (s) => lines.push(s) },
    isTTY: false,
    now: () => t,
  });
  for (let bytes = 0; bytes <= 10_000_000; bytes += 1_000_000) {
    progress.update(bytes, 10_000_000);
    t += 1000;
  }
  expect(lines).toEqual([
    'downloading 5.0 MB / 10.0 MB  1.0 MB/s  ETA 0:05\n',
    'downloading 10.0 MB / 10.0 MB  1.0 MB/s  done in 0:10\n',
  ]);
});

test('on a TTY the bar is redrawn in place and closed with a newline', () => {
  const chunks: string[] = [];
  const progress = createDownloadProgress({
    stream: { write: (s) => chunks.push(s) },
    isTTY: true,
    now: () => 0,
  });
  progress.update(0, 100);
  progress.update(100, 100);
  expect(chunks[0]?.startsWith('\rdownloading ')).toBe(true);
  expect(chunks.at(-1)).toBe('\n');
});
