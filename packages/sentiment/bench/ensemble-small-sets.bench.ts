// Each family and their ensemble on TweetEval sentiment (settings and weights chosen on validation, macro
// recall on test) and CR (10-fold CV; in each fold a 10% validation part of the training folds picks the
// BiLSTM's epoch, the NB-SVM's settings and the weights). BiLSTM: the default preset from GloVe 50d.
// One JSON object per line. Run: pnpm --filter @sentikit/sentiment bench:small   (env SETS=tweeteval,cr)
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { selectBackend } from '@sentikit/bilstm';
import { stratifiedSplit } from '@sentikit/datasets';
import { glovePath, sharedDataDir } from '@sentikit/testkit';
import {
  buildEnsemble,
  type Dataset,
  evaluateClassifier,
  type NbSvmClassifier,
  trainNbSvmClassifier,
  trainSentimentModel,
} from '../src/index.ts';

type Metric = 'accuracy' | 'macroRecall';
const sets = (process.env['SETS'] ?? 'tweeteval,cr').split(',');
const load = (): number[] => loadavg().map((v) => +v.toFixed(2));
await selectBackend('wasm');

function read(set: string, file: string, names: string[]): { texts: string[]; labels: number[] } {
  const rows = gunzipSync(readFileSync(join(sharedDataDir(), set, `${file}.jsonl.gz`)))
    .toString('utf8')
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as { text: string; label: number | string });
  return {
    texts: rows.map((r) => r.text),
    labels: rows.map((r) => (typeof r.label === 'number' ? r.label : names.indexOf(r.label))),
  };
}
const macroRecall = (confusion: number[][]): number =>
  confusion.reduce(
    (s, row, c) =>
      s +
      (row[c] ?? 0) /
        Math.max(
          1,
          row.reduce((a, b) => a + b, 0),
        ),
    0,
  ) / confusion.length;
const score = async (m: Parameters<typeof evaluateClassifier>[0], data: Dataset, metric: Metric) => {
  const e = await evaluateClassifier(m, data);
  return metric === 'accuracy' ? e.accuracy : macroRecall(e.summary.confusionMatrix);
};

// Trains all three on train, choosing with validation; returns each one's test score.
async function families(
  train: Dataset,
  validation: Dataset,
  test: Dataset,
  labels: string[],
  metric: Metric,
) {
  // NB-SVM: n-grams 2 or 3, and for each (featurized once) c and beta chosen on validation.
  let nbsvm: NbSvmClassifier | null = null;
  let best = -1;
  for (const ngrams of [2, 3]) {
    const run = await trainNbSvmClassifier({
      train,
      validation,
      labels,
      nbsvm: { ngrams, calibrationFolds: 2 },
      select: { c: [0.01, 0.03, 0.1, 0.3], beta: [0.5, 1], metric },
    });
    const s = await score(run.classifier, validation, metric);
    if (s > best) [nbsvm, best] = [run.classifier, s];
  }
  const bilstm = (
    await trainSentimentModel({
      train,
      validation,
      labels,
      preset: 'default',
      embeddings: glovePath(),
      name: 'b',
    })
  ).model;
  const { ensemble } = await buildEnsemble({
    members: [bilstm, nbsvm as NbSvmClassifier],
    validation,
    metric,
  });
  const chosen = (nbsvm as NbSvmClassifier).model.options;
  const out = {
    bilstm: await score(bilstm, test, metric),
    nbsvm: await score(nbsvm as NbSvmClassifier, test, metric),
    ensemble: await score(ensemble, test, metric),
    weights: ensemble.weights,
    nbsvmChosen: { ngrams: chosen.ngrams, c: chosen.c, beta: chosen.beta },
  };
  ensemble.dispose();
  return out;
}

if (sets.includes('tweeteval')) {
  const t0 = performance.now();
  const names = ['negative', 'neutral', 'positive'];
  const train = read('tweeteval-sentiment', 'train', names);
  const validation = read('tweeteval-sentiment', 'validation', names);
  const test = read('tweeteval-sentiment', 'test', names);
  const r = await families(train, validation, test, names, 'macroRecall');
  console.log(
    JSON.stringify({
      bench: 'families-tweeteval',
      testMacroRecall: r,
      seconds: Math.round((performance.now() - t0) / 1000),
      loadavg: load(),
    }),
  );
}

if (sets.includes('cr')) {
  const t0 = performance.now();
  const all = read('cr', 'all', []);
  const folds: Awaited<ReturnType<typeof families>>[] = [];
  for (let f = 0; f < 10; f++) {
    const pick = (keep: (i: number) => boolean) => {
      const idx = all.texts.map((_, i) => i).filter(keep);
      return {
        texts: idx.map((i) => all.texts[i] as string),
        labels: idx.map((i) => all.labels[i] as number),
      };
    };
    // every 10th record, so every fold has both classes (the file is sorted by label)
    const test = pick((i) => i % 10 === f);
    const rest = pick((i) => i % 10 !== f);
    const rows = rest.texts.map((text, i) => ({ text, label: rest.labels[i] as number }));
    const { train, val } = stratifiedSplit(rows, { valFraction: 0.1, seed: 42 + f });
    const ds = (r: { text: string; label: number }[]) => ({
      texts: r.map((x) => x.text),
      labels: r.map((x) => x.label),
    });
    folds.push(await families(ds(train), ds(val), test, ['negative', 'positive'], 'accuracy'));
  }
  const mean = (k: 'bilstm' | 'nbsvm' | 'ensemble') => +(folds.reduce((s, r) => s + r[k], 0) / 10).toFixed(4);
  console.log(
    JSON.stringify({
      bench: 'families-cr-10fold',
      accuracy: { bilstm: mean('bilstm'), nbsvm: mean('nbsvm'), ensemble: mean('ensemble') },
      folds,
      seconds: Math.round((performance.now() - t0) / 1000),
      loadavg: load(),
    }),
  );
}
