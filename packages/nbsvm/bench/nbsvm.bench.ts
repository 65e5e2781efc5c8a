// NB-SVM on IMDB (train 25k, test 25k), then scikit-learn's NB-SVM on the same data in the same run when a
// Python with scikit-learn is found. One JSON object per line. Run: pnpm bench  (env: NGRAMS, C, BETA,
// MAX_FEATURES, MIN_DF, HASHING_BITS, PYTHON, SKIP_SKLEARN=1)
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sharedDataDir } from '@sentikit/testkit';
import { createTokenizer } from '@sentikit/tokenizer';
import { NbSvmModel } from '../src/index.ts';
import { readSet } from './data.ts';

const env = (k: string): string | undefined => process.env[k];
const num = (k: string, d: number): number => Number(env(k) ?? d);
const rssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);
const load = (): number[] => loadavg().map((v) => +v.toFixed(2));

const train = readSet('imdb', 'train');
const test = readSet('imdb', 'test');
const options = {
  ngrams: num('NGRAMS', 3),
  c: num('C', 0.01),
  beta: num('BETA', 1),
  maxFeatures: num('MAX_FEATURES', 2_000_000),
  minDf: num('MIN_DF', 1),
  hashingBits: env('HASHING_BITS') ? num('HASHING_BITS', 22) : null,
};
const rssBefore = rssMb();
const t0 = performance.now();
const model = NbSvmModel.train(train.texts, train.labels, options);
const trainSeconds = (performance.now() - t0) / 1000;
const rssTrain = rssMb();
const t1 = performance.now();
const probs = model.predictProbabilities(test.texts);
const predictSeconds = (performance.now() - t1) / 1000;
// The tokenizer's share of prediction time, for reading the texts/s figure.
const tokenizer = createTokenizer();
const t2 = performance.now();
for (const text of test.texts) tokenizer.tokenize(text);
const tokenizeSeconds = (performance.now() - t2) / 1000;
let right = 0;
for (let i = 0; i < test.texts.length; i++)
  if (((probs[2 * i + 1] as number) > 0.5 ? 1 : 0) === test.labels[i]) right++;
const files = model.toFiles();
const stats = model.stats;
console.log(
  JSON.stringify({
    bench: 'nbsvm',
    node: process.version,
    options,
    features: model.numFeatures,
    nonZeros: stats?.nonZeros,
    epochs: stats?.epochs,
    featureSeconds: +(stats?.featureSeconds ?? 0).toFixed(2),
    fitSeconds: +(stats?.fitSeconds ?? 0).toFixed(2),
    trainSeconds: +trainSeconds.toFixed(2),
    testAccuracy: +(right / test.texts.length).toFixed(4),
    predictTextsPerSecond: Math.round(test.texts.length / predictSeconds),
    tokenizeOnlyTextsPerSecond: Math.round(test.texts.length / tokenizeSeconds),
    peakRssMb: { dataLoaded: rssBefore, afterTraining: rssTrain },
    savedMb: +((Buffer.byteLength(files['nbsvm.json']) + files['nbsvm.bin'].byteLength) / 2 ** 20).toFixed(1),
    loadavg: load(),
  }),
);

// A Python with scikit-learn: $PYTHON, else python3, else the Debian one (python3-sklearn).
function findPython(): string | null {
  for (const python of [env('PYTHON'), 'python3', '/usr/bin/python3']) {
    if (!python) continue;
    if (spawnSync(python, ['-c', 'import sklearn'], { stdio: 'ignore' }).status === 0) return python;
  }
  return null;
}
const python = env('SKIP_SKLEARN') === '1' ? null : findPython();
if (python === null) {
  console.log(JSON.stringify({ bench: 'sklearn-nbsvm', skipped: 'no scikit-learn' }));
} else {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'sklearn-nbsvm.py');
  const run = spawnSync(python, [script, sharedDataDir(), String(options.c), String(options.maxFeatures)], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (run.status !== 0) console.log(JSON.stringify({ bench: 'sklearn-nbsvm', failed: run.status }));
}
