import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  makeAclImdbArchive,
  serveBytes,
  smallSplit,
  tempDir,
  writeAclImdb,
} from '@sentikit/testkit/fixtures';
import { describe, expect, test } from 'vitest';
import { memoryIo } from '../../test/memory-io.ts';
import { runCli } from '../run-cli.ts';

const root = writeAclImdb(join(tempDir(), 'aclImdb'), {
  train: smallSplit(10, 'tr'),
  test: smallSplit(5, 'te'),
});

describe('sentikit data', () => {
  test('prints rows per split and class of an aclImdb tree, split 90/10 per class', async () => {
    const { io, stdout } = memoryIo({ env: { SENTIKIT_CACHE: tempDir() } });
    expect(await runCli(['data', '--data', root], io)).toBe(0);
    expect(stdout().split('\n')).toEqual([
      `dataset aclImdb: ${root}`,
      '  train      18  negative 9  positive 9',
      '  val         2  negative 1  positive 1',
      '  test       10  negative 5  positive 5',
      '',
    ]);
  });

  test('--json gives the same as data, with the read summaries', async () => {
    const { io, stdout } = memoryIo();
    expect(await runCli(['data', '--data', root, '--val-fraction', '0.2', '--json'], io)).toBe(0);
    const summary = JSON.parse(stdout());
    expect(summary).toMatchObject({
      dataset: 'aclImdb',
      kind: 'splits',
      classNames: ['negative', 'positive'],
      train: { rows: 16, perClass: { negative: 8, positive: 8 } },
      val: { rows: 4, perClass: { negative: 2, positive: 2 } },
      test: { rows: 10 },
      read: { train: { read: 20, skipped: 0 }, test: { read: 10, skipped: 0 } },
    });
  });

  test('a CSV with bad rows: skipped and listed by default, fatal with --strict', async () => {
    const dir = tempDir();
    const csv = join(dir, 'mine.csv');
    const rows = [
      'review,stars',
      ...Array.from({ length: 20 }, (_, i) => `"text ${i}",${i % 2 ? 'good' : 'bad'}`),
    ];
    writeFileSync(csv, `${rows.join('\n')}\n"broken,good\n`);
    const args = [
      'data',
      '--data',
      'mine.csv',
      '--text-column',
      'review',
      '--label-column',
      'stars',
      '--label-map',
      'bad=0,good=1',
    ];
    const lax = memoryIo({ cwd: dir });
    expect(await runCli(args, lax.io)).toBe(0);
    expect(lax.stdout()).toContain(`dataset mine: ${csv}`);
    expect(lax.stdout()).toContain('  train      18  bad 9  good 9');
    expect(lax.stdout()).toContain(
      `${csv}: read 21 rows, kept 20, skipped 1 (1 bad quote), e.g.:\n  ${csv}:22: unterminated quoted field`,
    );
    const strict = memoryIo({ cwd: dir });
    expect(await runCli([...args, '--strict'], strict.io)).toBe(1);
    expect(strict.stderr()).toBe(`error: ${csv}:22: unterminated quoted field\n`);
  });

  test('with no data on disk, exit 1 with how to get it', async () => {
    const { io, stderr } = memoryIo({ env: { SENTIKIT_CACHE: tempDir() } });
    expect(await runCli(['data'], io)).toBe(1);
    expect(stderr()).toMatch(/^error: No IMDB data found\./);
    expect(stderr()).toContain('aclImdb_v1.tar.gz');
    expect(stderr()).not.toContain('USAGE');
  });

  test('--download fetches with progress on stderr and refuses an archive that is not the real one', async () => {
    const archive = readFileSync(await makeAclImdbArchive(tempDir(), 2));
    const server = await serveBytes(archive);
    const cache = tempDir();
    const { io, stderr } = memoryIo({ env: { SENTIKIT_CACHE: cache } });
    io.fetch = (_url, init) => fetch(server.url, init);
    expect(await runCli(['data', '--download'], io)).toBe(1);
    expect(stderr()).toMatch(/^downloading /);
    expect(stderr()).toMatch(
      /error: https:\/\/ai\.stanford\.edu\/.*expected 84125825: not the expected file/,
    );
  });
});

describe('sentikit train, predict, evaluate, info', () => {
  const out = join(tempDir(), 'model');
  const env = { SENTIKIT_CACHE: tempDir(), SENTIKIT_BACKEND: 'wasm' };

  test('train writes a model with its report, and the others use it', async () => {
    const { io, stdout, stderr } = memoryIo({ env });
    expect(
      await runCli(
        [
          'train',
          '--data',
          root,
          '--family',
          'bilstm',
          '--epochs',
          '1',
          '--out-dir',
          out,
          '--max-length',
          '32',
        ],
        io,
      ),
    ).toBe(0);
    expect(stderr()).toContain('  val         2  negative 1  positive 1');
    expect(stderr()).toMatch(/backend: wasm.*; fused BiLSTM: [12] threads?, (relaxed-simd|simd) kernels/);
    expect(stderr()).toMatch(/epoch 1: train loss [\d.]+, val loss/);
    expect(stdout()).toContain('* best epoch by val F1');
    expect(stdout()).toMatch(/negative +\d\.\d{4} +\d\.\d{4} +\d\.\d{4} +5/);
    expect(stdout()).toContain(`report: ${join(out, 'report.html')}`);
    for (const f of [
      'model.json',
      'weights.bin',
      'tokenizer.json',
      'config.json',
      'metrics.json',
      'manifest.json',
      'README.md',
      'report.html',
      'curves.svg',
    ]) {
      expect(readFileSync(join(out, f)).length).toBeGreaterThan(0);
    }

    const predict = memoryIo({ env });
    expect(await runCli(['predict', '--model', out, 'a fine film', 'a dull film'], predict.io)).toBe(0);
    const lines = predict
      .stdout()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ text: 'a fine film', tokens: 3, truncated: false });
    expect(['negative', 'positive']).toContain(lines[0].label);

    const evaluate = memoryIo({ env });
    expect(await runCli(['evaluate', '--model', out, '--data', root, '--json'], evaluate.io)).toBe(0);
    expect(JSON.parse(evaluate.stdout())).toMatchObject({
      rows: 10,
      confusionMatrix: [
        [expect.any(Number), expect.any(Number)],
        [expect.any(Number), expect.any(Number)],
      ],
    });

    const info = memoryIo({ env });
    expect(await runCli(['info', '--model', out, '--json'], info.io)).toBe(0);
    expect(JSON.parse(info.stdout())).toMatchObject({
      name: 'aclImdb',
      model: { maxLength: 32, pooling: 'max' },
    });
  }, 120_000);

  test('a missing model is a data error (exit 1) naming the folder', async () => {
    const { io, stderr } = memoryIo({ env });
    expect(await runCli(['predict', '--model', join(out, 'nope'), 'text'], io)).toBe(1);
    expect(stderr()).toMatch(/cannot load the model: model directory .*nope does not exist/);
  });

  test('bad options exit 1 with usage and every problem', async () => {
    const { io, stderr } = memoryIo();
    expect(await runCli(['train', '--epochs', '0', '--batch-size', 'x'], io)).toBe(1);
    expect(stderr()).toContain('USAGE sentikit train');
    expect(stderr()).toContain('--epochs: must be a positive integer');
    expect(stderr()).toContain('--batch-size: must be a positive integer');
  });
});
