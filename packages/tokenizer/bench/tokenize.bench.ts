/**
 * Tokenizer throughput on the 25,000 IMDB train reviews: SentiKit (default options, normalise + tokenize),
 * SentiKit encode (to ids) and tokenize + vocabulary lookup, natural's WordTokenizer and wink-tokenizer,
 * interleaved in one process. Each timed pass starts after a full garbage collection, so no tokenizer pays for
 * another's garbage. Prints one JSON object per line (median wall-clock MB/s and tokens/s, median CPU-time MB/s,
 * and the first, cold pass); the last one compares SentiKit with the faster of natural and wink.
 *
 *   pnpm --filter @sentikit/tokenizer bench [--runs=5]
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { imdbPath, loadImdb } from '@sentikit/testkit';
import { createTokenizer, SentiTokenizer } from '@sentikit/tokenizer';

interface Candidate {
  name: string;
  tokenize: (text: string) => ArrayLike<unknown>;
  compared: boolean;
}

const runsArg = process.argv.find((a) => a.startsWith('--runs='));
const runs = runsArg ? Number(runsArg.slice('--runs='.length)) : 5;
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`--runs must be a positive integer, got ${runsArg}`);
  process.exit(1);
}

const trainPath = imdbPath('train');
if (!existsSync(trainPath)) {
  console.error(
    `The shared IMDB data is missing: ${trainPath} does not exist. Set SENTIKIT_SHARED_DATA to the folder ` +
      'holding imdb/train.jsonl.gz (see packages/testkit) to run this benchmark.',
  );
  process.exit(1);
}

const texts = (await loadImdb('train')).map((r) => r.text);
const megabytes = texts.reduce((sum, t) => sum + Buffer.byteLength(t, 'utf8'), 0) / 1e6;

const require = createRequire(import.meta.url);
// The tokenizer module only: natural's index also loads dotenv, which prints to stdout.
const { WordTokenizer } = require('natural/lib/natural/tokenizers/regexp_tokenizer.js') as {
  WordTokenizer: new () => { tokenize(text: string): string[] };
};
const winkFactory = require('wink-tokenizer') as () => { tokenize(text: string): unknown[] };

const sentikit = createTokenizer();
const encoder = await SentiTokenizer.train(texts.slice(0, 5000), { minFreq: 2 });
const natural = new WordTokenizer();
const wink = winkFactory();

const candidates: Candidate[] = [
  { name: 'sentikit', tokenize: (t) => sentikit.tokenize(t), compared: false },
  { name: 'sentikit-encode', tokenize: (t) => encoder.encode(t), compared: false },
  {
    name: 'sentikit-tokenize+lookup',
    tokenize: (t) => encoder.encodeTokens(encoder.tokenize(t)),
    compared: false,
  },
  { name: 'natural-WordTokenizer', tokenize: (t) => natural.tokenize(t), compared: true },
  { name: 'wink-tokenizer', tokenize: (t) => wink.tokenize(t), compared: true },
];

/** A full collection before each timed pass (the script runs node with --expose-gc). */
const collect = (globalThis as { gc?: () => void }).gc ?? (() => {});

/** One pass over all texts: wall time, process CPU time (less sensitive to other load on the machine), tokens. */
function pass(c: Candidate): { ms: number; cpuMs: number; tokens: number } {
  collect();
  let tokens = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (const text of texts) tokens += c.tokenize(text).length;
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, tokens };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

// Warm-up: JIT and caches (SentiKit's interned tokens). Its time is the cold figure.
const coldMs = new Map<string, number>(candidates.map((c) => [c.name, pass(c).ms]));
const times = new Map<string, number[]>(candidates.map((c) => [c.name, []]));
const cpuTimes = new Map<string, number[]>(candidates.map((c) => [c.name, []]));
const tokenCounts = new Map<string, number>();
// Interleaved rounds, so background load hits every tokenizer alike.
for (let r = 0; r < runs; r++) {
  for (const c of candidates) {
    const { ms, cpuMs, tokens } = pass(c);
    times.get(c.name)?.push(ms);
    cpuTimes.get(c.name)?.push(cpuMs);
    tokenCounts.set(c.name, tokens);
  }
}

const results = candidates.map((c) => {
  const ms = median(times.get(c.name) ?? []);
  const cpuMs = median(cpuTimes.get(c.name) ?? []);
  const tokens = tokenCounts.get(c.name) ?? 0;
  return {
    bench: 'tokenize',
    tokenizer: c.name,
    texts: texts.length,
    megabytes: Number(megabytes.toFixed(2)),
    tokens,
    runs,
    medianMs: Number(ms.toFixed(1)),
    mbPerSec: Number((megabytes / (ms / 1000)).toFixed(1)),
    tokensPerSec: Math.round(tokens / (ms / 1000)),
    medianCpuMs: Number(cpuMs.toFixed(1)),
    mbPerCpuSec: Number((megabytes / (cpuMs / 1000)).toFixed(1)),
    coldMs: Number((coldMs.get(c.name) ?? 0).toFixed(1)),
    compared: c.compared,
  };
});
for (const r of results) console.log(JSON.stringify(r));

const ours = results.find((r) => r.tokenizer === 'sentikit');
const fastestOther = results.filter((r) => r.compared).sort((a, b) => b.mbPerSec - a.mbPerSec)[0];
if (ours && fastestOther) {
  const ratio = ours.mbPerSec / fastestOther.mbPerSec;
  const cpuRatio = ours.mbPerCpuSec / fastestOther.mbPerCpuSec;
  console.log(
    JSON.stringify({
      bench: 'tokenize',
      summary: true,
      fastestOther: fastestOther.tokenizer,
      speedup: Number(ratio.toFixed(2)),
      cpuSpeedup: Number(cpuRatio.toFixed(2)),
      target: 3,
      meetsTarget: ratio >= 3,
    }),
  );
}
