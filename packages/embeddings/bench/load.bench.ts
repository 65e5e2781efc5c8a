// Parse speed of @sentikit/embeddings: one JSON object per line on stdout.
// Usage: pnpm --filter @sentikit/embeddings bench   (env BENCH_RUNS=n to change the repetitions)
import { execFileSync, spawnSync } from 'node:child_process';
import {
  closeSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { glovePath, hasSharedData } from '@sentikit/testkit';
import { loadEmbeddings, loadVectors } from '../src/index.ts';
import { parseValues } from '../src/parse-values.ts';

const runs = Number(process.env['BENCH_RUNS'] ?? 5);
const dir = mkdtempSync(join(tmpdir(), 'sentikit-emb-bench-'));
const print = (o: Record<string, unknown>) => console.log(JSON.stringify(o));

interface Case {
  name: string;
  file: string;
  /** Decompressed bytes and lines of the file, the basis of MB/s and words/s. */
  bytes: number;
  lines: number;
  gzip: boolean;
  vocabulary?: { tokens: string[] };
}

async function time(c: Case): Promise<{ median: number; best: number; cpuBest: number; found?: number }> {
  const seconds: number[] = [];
  let cpuBest = Number.POSITIVE_INFINITY;
  let found: number | undefined;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    if (c.vocabulary) found = (await loadEmbeddings(c.file, { vocabulary: c.vocabulary, seed: 1 })).found;
    else await loadVectors(c.file);
    const cpu = process.cpuUsage(c0);
    seconds.push((performance.now() - t0) / 1000);
    cpuBest = Math.min(cpuBest, (cpu.user + cpu.system) / 1e6);
  }
  seconds.sort((a, b) => a - b);
  return {
    median: seconds[Math.floor(seconds.length / 2)] as number,
    best: seconds[0] as number,
    cpuBest,
    found,
  };
}

async function bench(c: Case): Promise<number> {
  const t = await time(c);
  const mb = c.bytes / 1e6;
  print({
    bench: c.name,
    gzip: c.gzip,
    vocabulary: c.vocabulary ? c.vocabulary.tokens.length : null,
    found: t.found,
    words: c.lines,
    decompressedMB: +mb.toFixed(1),
    runs,
    medianSeconds: +t.median.toFixed(3),
    MBps: +(mb / t.median).toFixed(1),
    bestMBps: +(mb / t.best).toFixed(1),
    // CPU time of this process (user + system): what the parse costs when other processes share the cores.
    cpuMBps: +(mb / t.cpuBest).toFixed(1),
    wordsPerSecond: Math.round(c.lines / t.median),
    target: c.gzip ? undefined : 'MBps >= 150',
  });
  return t.median;
}

/** The number parser alone on an in-memory GloVe text (no I/O, no words): the ceiling of the full load. */
function parseOnly(text: Buffer, dim: number): void {
  const starts: number[] = [];
  for (let p = 0; p < text.length; ) {
    const nl = text.indexOf(10, p);
    const end = nl < 0 ? text.length : nl;
    starts.push(text.indexOf(32, p), end);
    p = end + 1;
  }
  const out = new Float32Array((starts.length / 2) * dim);
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < Math.max(runs, 5); i++) {
    const t0 = performance.now();
    for (let j = 0; j < starts.length; j += 2) {
      parseValues(text, starts[j] as number, starts[j + 1] as number, out, (j / 2) * dim, dim);
    }
    best = Math.min(best, performance.now() - t0);
  }
  print({
    bench: 'parseValues only, in memory (shared GloVe text)',
    bestMBps: +(text.length / 1e3 / best).toFixed(1),
  });
}

/** A GloVe-format text file: `rows` words of `dim` values written the way GloVe writes them. */
function generateGlove(file: string, rows: number, dim: number): { bytes: number; words: string[] } {
  let s = 12345;
  const rand = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const pool = Array.from({ length: 1 << 16 }, () => {
    const x = (rand() - 0.5) * 2 * (rand() < 0.1 ? 3 : 0.8);
    const t = Number.parseFloat(x.toPrecision(5));
    if (t !== 0 && Math.abs(t) < 1e-4) return t.toExponential().replace(/e-(\d)$/, 'e-0$1');
    return String(t);
  });
  const words: string[] = [];
  const fd = openSync(file, 'w');
  let bytes = 0;
  let batch: string[] = [];
  for (let i = 0; i < rows; i++) {
    const w = `${Math.floor(rand() * 36 ** 4).toString(36)}${i.toString(36)}`;
    words.push(w);
    let line = w;
    for (let j = 0; j < dim; j++) line += ` ${pool[(rand() * pool.length) | 0]}`;
    batch.push(line);
    if (batch.length === 2000 || i === rows - 1) {
      const buf = Buffer.from(`${batch.join('\n')}\n`);
      writeSync(fd, buf);
      bytes += buf.length;
      batch = [];
    }
  }
  closeSync(fd);
  return { bytes, words };
}

/** Every k-th word plus absent ones, as a model vocabulary would look. */
function vocabularyOf(words: string[], size: number): { tokens: string[] } {
  const step = Math.max(1, Math.floor(words.length / (size * 0.9)));
  const tokens = ['<pad>', '<unk>'];
  for (let i = 0; i < words.length && tokens.length < size * 0.9; i += step) tokens.push(words[i] as string);
  for (let i = 0; tokens.length < size; i++) tokens.push(`absent-${i}`);
  return { tokens };
}

function gensimAvailable(): boolean {
  return spawnSync('/usr/bin/python3', ['-c', 'import gensim'], { stdio: 'ignore' }).status === 0;
}

/** Seconds gensim takes to load a header-less text file (timed inside Python, import excluded). */
function gensimSeconds(file: string): number {
  const code = [
    'import sys, time',
    'from gensim.models import KeyedVectors',
    't = time.perf_counter()',
    'kv = KeyedVectors.load_word2vec_format(sys.argv[1], binary=False, no_header=True)',
    'print(time.perf_counter() - t, len(kv.index_to_key))',
  ].join('\n');
  const out = execFileSync('/usr/bin/python3', ['-c', code, file], { encoding: 'utf8' });
  return Number(out.trim().split(' ')[0]);
}

print({
  bench: 'environment',
  node: process.version,
  cpus: availableParallelism(),
  loadavg1m: +(loadavg()[0] as number).toFixed(2),
  note: 'single-threaded; other processes may share the cores',
});
const plainFiles: { name: string; file: string; ours: number }[] = [];
try {
  if (hasSharedData()) {
    const gz = glovePath();
    const text = gunzipSync(readFileSync(gz));
    const plain = join(dir, 'glove.6B.50d.top50k.txt');
    writeFileSync(plain, text);
    const lines = 50000;
    const words = text
      .toString('utf8')
      .split('\n')
      .map((l) => l.slice(0, l.indexOf(' ')));
    const vocabulary = vocabularyOf(words, 20000);
    parseOnly(text, 50);
    await bench({ name: 'shared GloVe 50k×50 (gz)', file: gz, bytes: text.length, lines, gzip: true });
    await bench({
      name: 'shared GloVe 50k×50 (gz, 20k vocabulary)',
      file: gz,
      bytes: text.length,
      lines,
      gzip: true,
      vocabulary,
    });
    const ours = await bench({
      name: 'shared GloVe 50k×50 (plain)',
      file: plain,
      bytes: text.length,
      lines,
      gzip: false,
    });
    plainFiles.push({ name: 'shared GloVe 50k×50 (plain)', file: plain, ours });
    await bench({
      name: 'shared GloVe 50k×50 (plain, 20k vocabulary)',
      file: plain,
      bytes: text.length,
      lines,
      gzip: false,
      vocabulary,
    });
    const cacheDir = join(dir, 'cache');
    await loadEmbeddings(gz, { vocabulary, cacheDir });
    const hits: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const e = await loadEmbeddings(gz, { vocabulary, cacheDir });
      if (!e.fromCache) throw new Error('expected a cache hit');
      hits.push(performance.now() - t0);
    }
    hits.sort((a, b) => a - b);
    print({
      bench: 'shared GloVe 50k×50 (gz, 20k vocabulary): cache hit',
      matrixMB: +((vocabulary.tokens.length * 50 * 4) / 1e6).toFixed(1),
      medianMs: +(hits[Math.floor(hits.length / 2)] as number).toFixed(1),
    });
  } else {
    print({ bench: 'shared GloVe', skipped: 'no shared data (set SENTIKIT_SHARED_DATA)' });
  }
  const gen = join(dir, 'generated-200k-100d.txt');
  const t0 = performance.now();
  const { bytes, words } = generateGlove(gen, 200_000, 100);
  print({
    bench: 'generate 200k×100 GloVe text',
    seconds: +((performance.now() - t0) / 1000).toFixed(2),
    MB: +(bytes / 1e6).toFixed(1),
  });
  const ours = await bench({
    name: 'generated 200k×100 (plain)',
    file: gen,
    bytes,
    lines: 200_000,
    gzip: false,
  });
  plainFiles.push({ name: 'generated 200k×100 (plain)', file: gen, ours });
  await bench({
    name: 'generated 200k×100 (plain, 20k vocabulary)',
    file: gen,
    bytes,
    lines: 200_000,
    gzip: false,
    vocabulary: vocabularyOf(words, 20000),
  });
  if (gensimAvailable()) {
    for (const p of plainFiles) {
      const g = gensimSeconds(p.file);
      const mb = statSync(p.file).size / 1e6;
      print({
        bench: `gensim KeyedVectors.load_word2vec_format(no_header=True): ${p.name}`,
        gensimSeconds: +g.toFixed(3),
        gensimMBps: +(mb / g).toFixed(1),
        oursMedianSeconds: +p.ours.toFixed(3),
        speedupVsGensim: +(g / p.ours).toFixed(2),
      });
    }
  } else {
    print({ bench: 'gensim', skipped: 'python3-gensim not installed (apt-get install -y python3-gensim)' });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
