// How an ensemble's weights should be chosen on a small validation split: each split trains the two members
// once (the BiLSTM with the default, adaptive settings; the NB-SVM with the CLI's settings grid, chosen by
// accuracy and by macro recall), then scores weight rules on a held-out part that chose nothing.
// Splits: CR, seeded stratified 80/10/10 (train / validation / held out); TweetEval, 3,000 training tweets and
// its validation file halved (validation / held out); the test files are not read.
// One JSON object per split and a summary per set. Run:
//   pnpm --filter @sentikit/sentiment bench:weights   (env SETS=cr,tweeteval-3k SPLITS=12)
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { selectBackend } from '@sentikit/bilstm';
import { stratifiedSplit } from '@sentikit/datasets';
import { glovePath, sharedDataDir } from '@sentikit/testkit';
import {
  chooseEnsembleWeights,
  type Dataset,
  trainNbSvmClassifier,
  trainSentimentModel,
} from '../src/index.ts';

type Row = { text: string; label: number };
const sets = (process.env['SETS'] ?? 'cr,tweeteval-3k').split(',');
const splits = Number(process.env['SPLITS'] ?? 12);
await selectBackend('wasm');

function read(set: string, file: string, names: string[]): Row[] {
  return gunzipSync(readFileSync(join(sharedDataDir(), set, `${file}.jsonl.gz`)))
    .toString('utf8')
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as { text: string; label: number | string })
    .map((r) => ({ text: r.text, label: typeof r.label === 'number' ? r.label : names.indexOf(r.label) }));
}
const ds = (rows: Row[]): Dataset => ({ texts: rows.map((r) => r.text), labels: rows.map((r) => r.label) });

/** Accuracy and macro recall of the weighted mix of `probs` (one n × k array per member). */
function scores(probs: Float32Array[], weights: number[], labels: number[], k: number) {
  const hits = new Float64Array(k);
  const counts = new Float64Array(k);
  let right = 0;
  for (let i = 0; i < labels.length; i++) {
    let top = 0;
    let topP = -1;
    for (let c = 0; c < k; c++) {
      let p = 0;
      for (const [m, w] of weights.entries()) p += w * ((probs[m] as Float32Array)[i * k + c] as number);
      if (p > topP) [top, topP] = [c, p];
    }
    const y = labels[i] as number;
    counts[y] = (counts[y] as number) + 1;
    if (top === y) {
      right++;
      hits[y] = (hits[y] as number) + 1;
    }
  }
  let recall = 0;
  for (let c = 0; c < k; c++) recall += (hits[c] as number) / Math.max(1, counts[c] as number);
  return { accuracy: right / labels.length, macroRecall: recall / k };
}

async function one(set: string, train: Row[], validation: Row[], heldOut: Row[], names: string[]) {
  const k = names.length;
  const bilstm = (
    await trainSentimentModel({
      train: ds(train),
      validation: ds(validation),
      labels: names,
      embeddings: glovePath(),
    })
  ).model;
  const grid = { c: [0.01, 0.03, 0.1, 0.3], beta: [0.5, 1] };
  const out: Record<string, unknown> = { set };
  const valLabels = validation.map((r) => r.label);
  const heldLabels = heldOut.map((r) => r.label);
  const bVal = await bilstm.predictProbabilities(validation.map((r) => r.text));
  const bHeld = await bilstm.predictProbabilities(heldOut.map((r) => r.text));
  for (const metric of ['accuracy', 'macroRecall'] as const) {
    const nb = await trainNbSvmClassifier({
      train: ds(train),
      validation: ds(validation),
      labels: names,
      select: { ...grid, metric },
    });
    const nVal = await nb.classifier.predictProbabilities(validation.map((r) => r.text));
    const nHeld = await nb.classifier.predictProbabilities(heldOut.map((r) => r.text));
    nb.classifier.dispose();
    const val = [bVal, nVal];
    const held = [bHeld, nHeld];
    const rules: Record<string, number[]> = {
      bilstm: [1, 0],
      nbsvm: [0, 1],
      equal: [0.5, 0.5],
      grid: chooseEnsembleWeights(val, valLabels, k, { metric }).weights,
      logLoss: chooseEnsembleWeights(val, valLabels, k, { metric: 'logLoss' }).weights,
      balancedLogLoss: chooseEnsembleWeights(val, valLabels, k, { metric: 'balancedLogLoss' }).weights,
    };
    out[metric] = Object.fromEntries(
      Object.entries(rules).map(([rule, w]) => [rule, { weights: w, ...scores(held, w, heldLabels, k) }]),
    );
  }
  bilstm.dispose();
  return out;
}

const summary = (runs: Record<string, unknown>[], set: string) => {
  type Scored = { accuracy: number; macroRecall: number };
  const mean: Record<string, Record<string, Scored>> = {};
  for (const metric of ['accuracy', 'macroRecall']) {
    const byRule: Record<string, Scored> = {};
    mean[metric] = byRule;
    for (const rule of ['bilstm', 'nbsvm', 'equal', 'grid', 'logLoss', 'balancedLogLoss']) {
      const rows = runs.map((r) => (r[metric] as Record<string, Scored>)[rule] as Scored);
      byRule[rule] = {
        accuracy: +(rows.reduce((s, x) => s + x.accuracy, 0) / rows.length).toFixed(4),
        macroRecall: +(rows.reduce((s, x) => s + x.macroRecall, 0) / rows.length).toFixed(4),
      };
    }
  }
  console.log(
    JSON.stringify({ bench: 'ensemble-weights', set, splits: runs.length, mean, loadavg: loadavg() }),
  );
};

if (sets.includes('cr')) {
  const all = read('cr', 'all', []);
  const runs = [];
  for (let s = 1; s <= splits; s++) {
    const first = stratifiedSplit(all, { valFraction: 0.1, seed: s });
    const second = stratifiedSplit(first.train, { valFraction: 1 / 9, seed: 100 + s });
    const r = await one('cr', second.train, second.val, first.val, ['negative', 'positive']);
    console.log(JSON.stringify({ split: s, ...r }));
    runs.push(r);
  }
  summary(runs, 'cr');
}

if (sets.includes('tweeteval-3k')) {
  const names = ['negative', 'neutral', 'positive'];
  const train = read('tweeteval-sentiment', 'train', names);
  const validation = read('tweeteval-sentiment', 'validation', names);
  const runs = [];
  for (let s = 1; s <= Math.min(splits, 6); s++) {
    const sample = stratifiedSplit(train, { valFraction: 3000 / train.length, seed: s }).val;
    const halves = stratifiedSplit(validation, { valFraction: 0.5, seed: 100 + s });
    const r = await one('tweeteval-3k', sample, halves.train, halves.val, names);
    console.log(JSON.stringify({ split: s, ...r }));
    runs.push(r);
  }
  summary(runs, 'tweeteval-3k');
}
process.exit(0);
