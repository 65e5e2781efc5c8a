import { describe, expect, test } from 'vitest';
import {
  type BatchProgress,
  createProgressRenderer,
  formatBar,
  formatDuration,
  formatProgressLine,
  formatRate,
} from './progress.ts';

function sink() {
  const chunks: string[] = [];
  return { chunks, write: (s: string) => chunks.push(s), text: () => chunks.join('') };
}
const batch = (epoch: number, done: number, total = 10): BatchProgress => ({
  epoch,
  epochs: 2,
  done,
  total,
  loss: 0.5 / done,
  tokensPerSec: 12_345,
});

describe('formatting', () => {
  test('durations, rates and bars', () => {
    expect([0, 59.4, 61, 3600 + 62, undefined, Number.NaN].map(formatDuration)).toEqual([
      '0:00',
      '0:59',
      '1:01',
      '1:01:02',
      '--:--',
      '--:--',
    ]);
    expect([950, 12_345, 1_234_567].map(formatRate)).toEqual(['950', '12.3k', '1.23M']);
    expect(formatBar(0.5, 10)).toBe('█████░░░░░');
    expect(formatBar(2, 4)).toBe('████');
  });

  test('a line shows epoch, position, loss, speed and ETA, or the epoch time once done', () => {
    const line = formatProgressLine(batch(1, 5), { elapsed: 10, eta: 10 }, 10);
    expect(line).toBe('epoch 1/2 █████░░░░░  50%  5/10  loss 0.1000  12.3k tok/s  ETA 0:10');
    expect(formatProgressLine(batch(2, 10), { elapsed: 75, eta: 0 })).toBe(
      'epoch 2/2  batch 10/10 (100%)  loss 0.0500  12.3k tok/s  done in 1:15',
    );
  });
});

describe('createProgressRenderer', () => {
  test('on a TTY redraws in place, throttled by the clock, and ends each epoch with a newline', () => {
    const out = sink();
    let t = 0;
    const progress = createProgressRenderer({ stream: out, isTTY: true, now: () => t, ttyIntervalMs: 100 });
    for (let done = 1; done <= 10; done++) {
      progress.update(batch(1, done));
      t += 30;
    }
    // drawn at t=0, 120, 240 (every 4th batch at 30 ms apart) and at the last batch
    expect(out.chunks.filter((c) => c.startsWith('\r'))).toHaveLength(4);
    expect(out.chunks.at(-1)).toBe('\n');
    expect(out.chunks.every((c) => c === '\n' || (c.startsWith('\r') && c.endsWith('\x1b[K')))).toBe(true);
    expect(out.chunks.at(-2)).toContain('10/10');
    expect(out.chunks.at(-2)).toContain('in 0:00');
  });

  test('the ETA comes from the pace since the epoch began', () => {
    const out = sink();
    let t = 1000;
    const progress = createProgressRenderer({ stream: out, isTTY: true, now: () => t });
    progress.update(batch(1, 1));
    t += 2000;
    progress.update(batch(1, 3)); // 2 batches in 2 s, 7 left
    expect(out.chunks.at(-1)).toContain('ETA 0:07');
  });

  test('off a TTY writes plain lines every interval and at each epoch end, no control characters', () => {
    const out = sink();
    let t = 0;
    const progress = createProgressRenderer({
      stream: out,
      isTTY: false,
      now: () => t,
      plainIntervalMs: 5000,
    });
    for (const epoch of [1, 2]) {
      for (let done = 1; done <= 10; done++) {
        progress.update(batch(epoch, done));
        t += 1000;
      }
    }
    progress.finish();
    const lines = out.text().split('\n').filter(Boolean);
    expect(lines).toHaveLength(4); // per epoch: 5 s in, and the end
    expect(lines[0]).toMatch(/^epoch 1\/2 {2}batch 6\/10 /);
    expect(lines[1]).toMatch(/^epoch 1\/2 {2}batch 10\/10 .*done in 0:09$/);
    expect(out.text()).not.toContain('\r');
    expect(out.text()).not.toContain('\u001b');
  });

  test('finish closes a bar left open mid-epoch, once', () => {
    const out = sink();
    const progress = createProgressRenderer({ stream: out, isTTY: true, now: () => 0 });
    progress.update(batch(1, 3));
    progress.finish();
    progress.finish();
    expect(out.chunks.filter((c) => c === '\n')).toHaveLength(1);
  });
});
