import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { tempDir } from '@sentikit/testkit/fixtures';
import { describe, expect, test } from 'vitest';
import { memoryIo } from '../../test/memory-io.ts';
import { runCli } from '../run-cli.ts';

const bundledModel = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../models/imdb-bilstm');
const env = { SENTIKIT_BACKEND: 'wasm' };
const dir = tempDir();
const words = ['great', 'awful', 'moving', 'dull', 'fine', 'boring', 'superb', 'weak'];
const rows = Array.from({ length: 45 }, (_, i) => ({
  text: `a ${words[i % words.length]} film, ${words[(i * 3) % words.length]} acting (review ${i})`,
  ...(i % 3 ? { label: i % 2 } : { label: 'unknown-label' }),
}));
const input = join(dir, 'corpus.jsonl.gz');
// Two bad rows: not JSON, and no text. Both are skipped and reported, and do not count as positions.
writeFileSync(
  input,
  gzipSync(
    `${rows
      .slice(0, 20)
      .map((r) => JSON.stringify(r))
      .join('\n')}\nnot json\n{"label":1}\n${rows
      .slice(20)
      .map((r) => JSON.stringify(r))
      .join('\n')}\n`,
  ),
);
const parse = (path: string) =>
  readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { index: number; source: string; label: string; score: number });

describe('sentikit predict --input', () => {
  test('n shards run separately and merged by index equal the unsharded output', async () => {
    const whole = join(dir, 'whole.jsonl');
    const run = memoryIo({ env, cwd: dir });
    expect(
      await runCli(
        ['predict', '--model', bundledModel, '--input', 'corpus.jsonl.gz', '--output', 'whole.jsonl'],
        run.io,
      ),
    ).toBe(0);
    const expected = parse(whole);
    expect(expected.map((l) => l.index)).toEqual(Array.from({ length: 45 }, (_, i) => i));
    expect(expected[20]?.source).toBe(`${input}:23`);
    expect(run.stderr()).toContain(`predict: skipped ${input}:21: invalid JSON`);
    expect(run.stderr()).toMatch(
      /predict: scored 45 of 45 texts in [\d.]+ s \(.* texts\/s\); skipped 2 bad rows; wrote /,
    );

    const parts = [];
    for (let i = 0; i < 3; i++) {
      const shard = memoryIo({ env, cwd: dir });
      const args = [
        'predict',
        '--model',
        bundledModel,
        '--input',
        input,
        '--output',
        `part-${i}.jsonl`,
        '--shard',
        `${i}/3`,
        '--batch-size',
        '7',
      ];
      expect(await runCli(args, shard.io)).toBe(0);
      expect(shard.stderr()).toContain(`scored 15 of 45 texts (shard ${i}/3)`);
      parts.push(...parse(join(dir, `part-${i}.jsonl`)));
    }
    parts.sort((a, b) => a.index - b.index);
    expect(parts.map(({ index, source, label }) => ({ index, source, label }))).toEqual(
      expected.map(({ index, source, label }) => ({ index, source, label })),
    );
    for (const [i, line] of parts.entries()) expect(line.score).toBeCloseTo(expected[i]?.score ?? -1, 5);
  }, 120_000);

  test('bad flags exit 1 with a message naming the fix', async () => {
    for (const [args, message] of [
      [['--input', input, '--shard', '3/3'], /--shard "3\/3": expected i\/n with 0 <= i < n/],
      [['--input', input, 'a text'], /either --input or texts\/--file/],
      [['--shard', '0/2', 'a text'], /--shard works with --input only/],
      [['--input', input, '--batch-size', '0'], /--batch-size 0: expected a whole number/],
    ] as const) {
      const { io, stderr } = memoryIo({ env, cwd: dir });
      expect(await runCli(['predict', '--model', bundledModel, ...args], io)).toBe(1);
      expect(stderr()).toMatch(message);
    }
  });

  test('a missing input exits 1 and leaves no partial output', async () => {
    const { io, stderr } = memoryIo({ env, cwd: dir });
    const args = ['predict', '--model', bundledModel, '--input', 'nope.jsonl', '--output', 'nope-out.jsonl'];
    expect(await runCli(args, io)).toBe(1);
    expect(stderr()).toMatch(/nope\.jsonl: no such file or directory/);
    expect(() => readFileSync(join(dir, 'nope-out.jsonl.partial'))).toThrow();
    expect(() => readFileSync(join(dir, 'nope-out.jsonl'))).toThrow();
  });
});
