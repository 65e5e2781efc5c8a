import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { tempDir } from '@sentikit/testkit/fixtures';
import { describe, expect, test } from 'vitest';
import { memoryIo } from '../test/memory-io.ts';
import { bundledModelDir } from './commands/load-model.ts';
import { runCli } from './run-cli.ts';

const words = ['great', 'fine', 'lovely', 'bad', 'dull', 'awful', 'film', 'plot', 'acting', 'story'];

/** `n` rows of two-class reviews as CSV lines (`text,label`), labels `good`/`bad` or as given. */
function reviews(n: number, label: (i: number) => string = (i) => (i % 2 ? 'good' : 'bad')): string[] {
  return Array.from({ length: n }, (_, i) => {
    const w = i % 2 ? words.slice(0, 3) : words.slice(3, 6);
    return `${w[i % 3]} ${words[6 + (i % 4)]} ${w[(i + 1) % 3]},${label(i)}`;
  });
}

function writeCsv(dir: string, name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${['text,label', ...lines].join('\n')}\n`);
  return path;
}

/** A GloVe-style file of 8-dimensional vectors for the fixture's words, optionally with a bad line. */
function writeVectors(dir: string, badLine?: number): string {
  const lines = words.map((w, i) =>
    [w, ...Array.from({ length: 8 }, (_, j) => ((i + j) % 5) / 10)].join(' '),
  );
  if (badLine) lines.splice(badLine - 1, 0, 'broken 0.1 0.2');
  const path = join(dir, 'vectors.txt');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

const labelMap = ['--label-map', 'bad=0,good=1'];
const quick = ['--epochs', '1', '--max-length', '8', '--batch-size', '8', '--backend', 'wasm'];

async function run(args: string[], cwd = tempDir()) {
  const { io, stdout, stderr } = memoryIo({ env: { SENTIKIT_CACHE: tempDir() }, cwd });
  const code = await runCli(args, io);
  const errorLine = stderr()
    .split('\n')
    .find((l) => l.startsWith('error:') || l.startsWith('stopped:'));
  return { code, stdout: stdout(), stderr: stderr(), errorLine };
}

describe('data mistakes: exit 1 and one line naming the file and the fix', () => {
  test('labels the data carries are its classes; a single class is refused with the fix', async () => {
    const dir = tempDir();
    const csv = writeCsv(
      dir,
      'stars.csv',
      reviews(40, (i) => `${1 + (i % 5)} stars`),
    );
    const r = await run(['train', '--data', csv, ...quick, '--out-dir', join(dir, 'model')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/train +\d+ +1 stars \d+ +2 stars \d+ +3 stars \d+ +4 stars \d+ +5 stars \d+/);
    expect(r.stderr).toContain('warning: class "1 stars" has only');
    const one = writeCsv(
      dir,
      'one.csv',
      reviews(20, () => 'good'),
    );
    const refused = await run(['train', '--data', one, ...quick]);
    expect(refused.code).toBe(1);
    expect(refused.errorLine).toBe(
      'error: the training set has only one class (good); a classifier needs examples of at least two: check the label column and --label-map',
    );
    expect(refused.stderr).not.toContain('    at ');
  });

  test('an empty data set (a header only)', async () => {
    const csv = writeCsv(tempDir(), 'empty.csv', []);
    const r = await run(['train', '--data', csv, ...quick]);
    expect(r.code).toBe(1);
    expect(r.errorLine).toBe(`error: ${csv}: no data rows; give a file with rows (--data)`);
  });

  test('a truncated .jsonl.gz names the file', async () => {
    const dir = tempDir();
    const rows = reviews(3000).map((l) => JSON.stringify({ text: l, label: 1 }));
    const whole = gzipSync(rows.join('\n'));
    const path = join(dir, 'cut.jsonl.gz');
    writeFileSync(path, whole.subarray(0, whole.length - 100));
    const r = await run(['data', '--data', path]);
    expect(r.code).toBe(1);
    expect(r.errorLine).toMatch(
      new RegExp(`^error: ${path}: the gzip data is damaged or cut short \\(unexpected end of file\\)`),
    );
  });

  test('a missing embeddings file is noticed before the data is read', async () => {
    const missing = join(tempDir(), 'glove.txt');
    const r = await run(['train', '--data', join(tempDir(), 'no-such.csv'), '--embeddings', missing]);
    expect(r.code).toBe(1);
    expect(r.errorLine).toBe(
      `error: --embeddings ${missing}: no such file; give the path of a word-vectors file`,
    );
  });

  test('an embeddings file that is not vectors is refused before the data is read', async () => {
    const dir = tempDir();
    const csv = writeCsv(dir, 'data.csv', reviews(20));
    const r = await run(['train', '--data', join(dir, 'no-such.csv'), '--embeddings', csv]);
    expect(r.code).toBe(1);
    expect(r.errorLine).toBe(
      `error: --embeddings ${csv}:1: not word vectors (line 1 is "text,label"; expected a word and its numbers, as in GloVe, word2vec or fastText)`,
    );
  });

  test('an embeddings file with a short row names its line, as a data error', async () => {
    const dir = tempDir();
    const csv = writeCsv(dir, 'data.csv', reviews(40));
    const vectors = writeVectors(dir, 5);
    const r = await run(['train', '--data', csv, ...labelMap, '--embeddings', vectors, ...quick]);
    expect(r.code).toBe(1);
    expect(r.errorLine).toMatch(
      new RegExp(
        `^error: ${vectors}:5: .*\\(the --embeddings file: fix it, or pass another word-vectors file\\)$`,
      ),
    );
    expect(r.stderr).not.toContain('internal error');
  });
});

describe('no silent loss', () => {
  test('an unclosed quote on line 500 of 1,000 skips that row only and says so by reason', async () => {
    const dir = tempDir();
    const lines = reviews(1000);
    lines[498] = `"${lines[498]}`;
    const csv = writeCsv(dir, 'quote.csv', lines);
    const r = await run(['data', '--data', csv, ...labelMap, '--val-fraction', '0']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  train     999  bad 499  good 500');
    expect(r.stdout).toContain(
      `${csv}: read 1,000 rows, kept 999, skipped 1 (1 bad quote), e.g.:\n  ${csv}:500: unterminated quoted field (a record over lines 500-1001; line 500 skipped, the rest read again)`,
    );
  });
});

describe('checkpoints', () => {
  test('a finished run removes its checkpoint unless --keep-checkpoint; --resume refuses another run', async () => {
    const dir = tempDir();
    const csv = writeCsv(dir, 'data.csv', reviews(40));
    const out = join(dir, 'model');
    // The BiLSTM's own files and report (small data would get the ensemble by default).
    const bilstm = ['--family', 'bilstm'];
    const first = await run(['train', '--data', csv, ...labelMap, ...quick, ...bilstm, '--out-dir', out]);
    expect(first.code).toBe(0);
    expect(existsSync(join(out, 'model.json'))).toBe(true);
    expect(existsSync(`${out}.checkpoint`)).toBe(false);
    const report = readFileSync(join(out, 'report.html'), 'utf8');
    expect(report).toContain(`<th class="key">source</th><td class="key">${csv}</td>`);
    expect(report).toContain(
      '<h2>Embeddings</h2><p class="meta">None: the embeddings started from random values.</p>',
    );
    const evaluation = await run([
      'evaluate',
      '--model',
      out,
      '--data',
      csv,
      ...labelMap,
      '--report',
      join(dir, 'eval'),
    ]);
    expect(evaluation.code).toBe(0);
    const evalReport = readFileSync(join(dir, 'eval', 'report.html'), 'utf8');
    expect(evalReport).not.toContain('Training curves');
    expect(evalReport).toContain('<th class="key">evaluated rows</th><td class="key">40</td>');
    const kept = await run([
      'train',
      '--data',
      csv,
      ...labelMap,
      ...quick,
      '--out-dir',
      out,
      '--keep-checkpoint',
    ]);
    expect(kept.code).toBe(0);
    expect(existsSync(join(`${out}.checkpoint`, 'state.json'))).toBe(true);
    const other = await run([
      'train',
      '--data',
      csv,
      ...labelMap,
      ...quick,
      '--out-dir',
      out,
      '--resume',
      '--learning-rate',
      '0.5',
    ]);
    expect(other.code).toBe(1);
    expect(other.errorLine).toMatch(
      new RegExp(
        `^error: the checkpoint in ${out}\\.checkpoint is from another run: learningRate [\\d.e-]+ there, 0\\.5 now; resume with the same data and options, or delete ${out}\\.checkpoint to start over$`,
      ),
    );
    const seed = await run([
      'train',
      '--data',
      csv,
      ...labelMap,
      ...quick,
      '--out-dir',
      out,
      '--resume',
      '--seed',
      '7',
    ]);
    expect(seed.code).toBe(1);
    expect(seed.errorLine).toMatch(
      /^error: the checkpoint in .* is from another run: the training data differs .*seed 42 there, 7 now/,
    );
  }, 120_000);
});

describe('the first commands', () => {
  test('the default model is the bundled one', async () => {
    const r = await run(['info', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ dir: bundledModelDir });
    expect(bundledModelDir.endsWith(join('models', 'imdb-bilstm'))).toBe(true);
  });

  test('the backend line is short; --verbose adds why other backends were not used', async () => {
    const short = await run(['predict', 'a fine film']);
    expect(short.code).toBe(0);
    const line = short.stderr.split('\n')[0] as string;
    expect(line).toMatch(/^backend: \w+; fused BiLSTM: [12] threads?, (relaxed-simd|simd) kernels/);
    expect(line.length).toBeLessThan(140);
    const verbose = await run(['predict', '--verbose', 'a fine film']);
    expect(verbose.code).toBe(0);
    if (line.includes('--verbose says why')) expect(verbose.stderr).toMatch(/\n {2}\w+ not used: /);
  }, 60_000);
});

const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'sentikit.js');

describe('signals', () => {
  test.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)(
    '%s during training saves a checkpoint and exits %i',
    async (signal, exitCode) => {
      const dir = tempDir();
      const csv = writeCsv(dir, 'data.csv', reviews(4000));
      const out = join(dir, 'model');
      const child = spawn(
        process.execPath,
        [
          bin,
          'train',
          '--data',
          csv,
          ...labelMap,
          '--epochs',
          '50',
          '--batch-size',
          '8',
          '--backend',
          'wasm',
          '--out-dir',
          out,
        ],
        { env: { ...process.env, SENTIKIT_CACHE: tempDir(), NO_COLOR: '1' } },
      );
      let stderr = '';
      let sent = false;
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (s: string) => {
        stderr += s;
        // The backend line is written right after the handlers are installed.
        if (!sent && stderr.includes('backend: ')) {
          sent = true;
          setImmediate(() => child.kill(signal));
        }
      });
      const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      expect({ code, stderr }).toMatchObject({ code: exitCode });
      const last = stderr.trim().split('\n').at(-1);
      expect(last).toBe(
        `stopped: ${signal}: checkpoint saved in ${out}.checkpoint; continue with the same command and --resume`,
      );
      expect(existsSync(join(`${out}.checkpoint`, 'state.json'))).toBe(true);
      expect(existsSync(join(out, 'model.json'))).toBe(false);
      expect(JSON.parse(readFileSync(join(`${out}.checkpoint`, 'state.json'), 'utf8'))).toMatchObject({
        format: 'sentikit-checkpoint',
      });
    },
    120_000,
  );
});
