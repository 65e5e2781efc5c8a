// NB-SVM on CR (10-fold CV, settings chosen per fold by a 3-fold CV inside its training folds) and on
// TweetEval sentiment (settings chosen on validation, macro recall on test). One JSON object per line.
// Run: pnpm bench:small
import { loadavg } from 'node:os';
import { NbSvmModel, type NbSvmOptionsInput } from '../src/index.ts';
import { type LabelledTexts, permutation, pick, readSet } from './data.ts';

const grid: NbSvmOptionsInput[] = [];
for (const ngrams of [2, 3])
  for (const c of [0.01, 0.03, 0.1, 0.3])
    for (const beta of [0.25, 0.5, 1]) grid.push({ ngrams, c, beta, calibrationFolds: 2 });

// Predicted label per text (highest probability).
function predict(model: NbSvmModel, texts: string[]): Int32Array {
  const k = model.labels.length;
  const probs = model.predictProbabilities(texts);
  return Int32Array.from(texts, (_, i) => {
    let best = 0;
    for (let c = 1; c < k; c++) if ((probs[i * k + c] as number) > (probs[i * k + best] as number)) best = c;
    return best;
  });
}
const accuracy = (y: Int32Array, p: Int32Array): number =>
  y.reduce((s, v, i) => s + (v === p[i] ? 1 : 0), 0) / y.length;
function macroRecall(y: Int32Array, p: Int32Array, k: number): number {
  let sum = 0;
  for (let c = 0; c < k; c++) {
    let n = 0;
    let hit = 0;
    for (let i = 0; i < y.length; i++) {
      if (y[i] !== c) continue;
      n++;
      if (p[i] === c) hit++;
    }
    sum += n ? hit / n : 0;
  }
  return sum / k;
}
type Score = (y: Int32Array, p: Int32Array) => number;
// The grid entry with the best mean score over (train, validation) pairs.
function choose(splits: [LabelledTexts, LabelledTexts][], labels: string[], score: Score) {
  let best = { options: grid[0] as NbSvmOptionsInput, score: -1 };
  for (const options of grid) {
    let s = 0;
    for (const [train, val] of splits) {
      const model = NbSvmModel.train(train.texts, train.labels, { ...options, labels });
      s += score(val.labels, predict(model, val.texts)) / splits.length;
    }
    if (s > best.score) best = { options, score: s };
  }
  return best;
}

const t0 = performance.now();
const cr = readSet('cr', 'all');
const order = permutation(cr.texts.length, 10);
const foldAccuracy: number[] = [];
const chosen: NbSvmOptionsInput[] = [];
for (let f = 0; f < 10; f++) {
  const testRows = order.filter((_, i) => i % 10 === f);
  const trainRows = order.filter((_, i) => i % 10 !== f);
  const labels = ['negative', 'positive'];
  const inner = [0, 1, 2].map((g): [LabelledTexts, LabelledTexts] => [
    pick(
      cr,
      trainRows.filter((_, i) => i % 3 !== g),
    ),
    pick(
      cr,
      trainRows.filter((_, i) => i % 3 === g),
    ),
  ]);
  const best = choose(inner, labels, accuracy);
  const train = pick(cr, trainRows);
  const test = pick(cr, testRows);
  const model = NbSvmModel.train(train.texts, train.labels, { ...best.options, labels });
  foldAccuracy.push(accuracy(test.labels, predict(model, test.texts)));
  chosen.push(best.options);
}
console.log(
  JSON.stringify({
    bench: 'nbsvm-cr-10fold',
    accuracy: +(foldAccuracy.reduce((a, b) => a + b, 0) / 10).toFixed(4),
    folds: foldAccuracy.map((a) => +a.toFixed(4)),
    chosen,
    seconds: +((performance.now() - t0) / 1000).toFixed(1),
    loadavg: loadavg().map((v) => +v.toFixed(2)),
  }),
);

const t1 = performance.now();
const names = ['negative', 'neutral', 'positive'];
const tweets = {
  train: readSet('tweeteval-sentiment', 'train', names),
  validation: readSet('tweeteval-sentiment', 'validation', names),
  test: readSet('tweeteval-sentiment', 'test', names),
};
const best = choose([[tweets.train, tweets.validation]], names, (y, p) => macroRecall(y, p, 3));
const model = NbSvmModel.train(tweets.train.texts, tweets.train.labels, { ...best.options, labels: names });
const p = predict(model, tweets.test.texts);
console.log(
  JSON.stringify({
    bench: 'nbsvm-tweeteval',
    chosen: best.options,
    validationMacroRecall: +best.score.toFixed(4),
    testMacroRecall: +macroRecall(tweets.test.labels, p, 3).toFixed(4),
    testAccuracy: +accuracy(tweets.test.labels, p).toFixed(4),
    seconds: +((performance.now() - t1) / 1000).toFixed(1),
    loadavg: loadavg().map((v) => +v.toFixed(2)),
  }),
);
