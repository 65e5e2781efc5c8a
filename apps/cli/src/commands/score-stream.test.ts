import type { TextRecord } from '@sentikit/datasets';
import type { Classification } from '@sentikit/sentiment';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CliError } from '../errors.ts';
import { parseShard, type ScoredLine, scoreStream } from './score-stream.ts';

const fakeClassify = async (texts: string[]): Promise<Classification[]> =>
  texts.map((text) => ({
    label: text.length % 2 ? 'positive' : 'negative',
    score: 0.5 + (text.length % 7) / 20,
    probabilities: [],
    tokens: text.length,
    truncated: false,
  }));

async function* records(n: number, onYield?: (i: number) => void): AsyncGenerator<TextRecord> {
  for (let i = 0; i < n; i++) {
    onYield?.(i);
    yield { text: `text ${'x'.repeat(i % 5)} ${i}`, source: `in.jsonl:${i + 1}` };
  }
}

async function run(n: number, shard?: { index: number; count: number }, batchSize?: number) {
  const lines: ScoredLine[] = [];
  const counts = await scoreStream({
    texts: records(n),
    classify: fakeClassify,
    write: (line) => void lines.push(JSON.parse(line) as ScoredLine),
    ...(shard ? { shard } : {}),
    ...(batchSize ? { batchSize } : {}),
  });
  return { lines, counts };
}

describe('scoreStream', () => {
  it('the shards of any split, merged by index, equal the unsharded output', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(200),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 16 }),
        async (n, count, batch) => {
          const whole = await run(n, undefined, batch);
          const parts = await Promise.all(
            Array.from({ length: count }, (_, index) => run(n, { index, count }, batch)),
          );
          const merged = parts.flatMap((p) => p.lines).sort((a, b) => a.index - b.index);
          expect(merged).toEqual(whole.lines);
          expect(whole.lines.map((l) => l.index)).toEqual(Array.from({ length: n }, (_, i) => i));
          for (const [index, part] of parts.entries()) {
            expect(part.counts.seen).toBe(n);
            expect(part.lines.every((l) => l.index % count === index)).toBe(true);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('reads at most one batch ahead of the model, so memory does not grow with the input', async () => {
    let yielded = 0;
    const calls: { size: number; yieldedBefore: number }[] = [];
    await scoreStream({
      texts: records(1000, (i) => {
        yielded = i + 1;
      }),
      classify: async (texts) => {
        calls.push({ size: texts.length, yieldedBefore: yielded });
        return fakeClassify(texts);
      },
      write: () => {},
      batchSize: 10,
      shard: { index: 1, count: 4 },
    });
    expect(calls).toHaveLength(25);
    for (const [k, call] of calls.entries()) {
      expect(call.size).toBeLessThanOrEqual(10);
      // batch k holds shard texts 10k..10k+9, i.e. positions up to 4 * (10k + 9) + 1
      expect(call.yieldedBefore).toBeLessThanOrEqual(4 * (10 * k + 9) + 2);
    }
  });

  it('waits for a slow writer before scoring more', async () => {
    const order: string[] = [];
    await scoreStream({
      texts: records(4),
      classify: async (texts) => {
        order.push(`classify ${texts.length}`);
        return fakeClassify(texts);
      },
      write: async (line) => {
        await new Promise((resolve) => setImmediate(resolve));
        order.push(`wrote ${(JSON.parse(line) as ScoredLine).index}`);
      },
      batchSize: 2,
    });
    expect(order).toEqual(['classify 2', 'wrote 0', 'wrote 1', 'classify 2', 'wrote 2', 'wrote 3']);
  });
});

describe('parseShard', () => {
  it('reads i/n', () => {
    expect(parseShard('0/1')).toEqual({ index: 0, count: 1 });
    expect(parseShard(' 3/4 ')).toEqual({ index: 3, count: 4 });
  });

  it.each(['4/4', '1/0', '-1/2', '1', 'a/b', '1/2/3', '', '$(JOB_COMPLETION_INDEX)/4'])(
    'rejects %j with a usage error naming the form',
    (spec) => {
      expect(() => parseShard(spec)).toThrow(CliError);
      expect(() => parseShard(spec)).toThrow(/expected i\/n with 0 <= i < n/);
    },
  );
});
