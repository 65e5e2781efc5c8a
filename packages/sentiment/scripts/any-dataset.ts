// Experiments of issue #12 on the shared data: TweetEval (train -> validation -> test), CR (k-fold CV), IMDB
// subsets. Prints one JSON line per run. Usage:
//   pnpm --filter @sentikit/sentiment exec tsx --conditions=@sentikit/source scripts/any-dataset.ts \
//     --task tweeteval [--preset default] [--model '{"dropout":0.5}'] [--training '{"epochs":3}']
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { selectBackend } from '@sentikit/bilstm';
import { glovePath, sharedDataDir } from '@sentikit/testkit';
import { type Dataset, type PresetName, trainSentimentModel } from '../src/index.ts';

const { values } = parseArgs({
  options: {
    task: { type: 'string', default: 'tweeteval' },
    preset: { type: 'string' },
    model: { type: 'string', default: '{}' },
    training: { type: 'string', default: '{}' },
    seed: { type: 'string', default: '42' },
    rows: { type: 'string', default: '2000' },
    folds: { type: 'string', default: '10' },
    tag: { type: 'string', default: '' },
  },
});

function readJsonl(path: string): { text: string; label: string }[] {
  return gunzipSync(readFileSync(path))
    .toString('utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const r = JSON.parse(l) as { text: string; label: string | number };
      return { text: r.text, label: String(r.label) };
    });
}
const toDataset = (rows: { text: string; label: string }[], labels: readonly string[]): Dataset => ({
  texts: rows.map((r) => r.text),
  labels: rows.map((r) => labels.indexOf(r.label)),
});

await selectBackend();
const data = sharedDataDir();
const started = performance.now();
const common = {
  embeddings: glovePath(),
  ...(values.preset ? { preset: values.preset as PresetName } : {}),
  model: JSON.parse(values.model as string),
  training: JSON.parse(values.training as string),
  seed: Number(values.seed),
  logger: { info: (m: string) => console.error(m), warn: (m: string) => console.error(`warning: ${m}`) },
  callbacks: {
    onEpochEnd: (r: { epoch: number; trainLoss: number; seconds: number; val: unknown }) =>
      console.error(
        JSON.stringify({ epoch: r.epoch, trainLoss: r.trainLoss, val: r.val, s: Math.round(r.seconds) }),
      ),
  },
};

if (values.task === 'tweeteval') {
  const labels = ['negative', 'neutral', 'positive'];
  const dir = join(data, 'tweeteval-sentiment');
  const run = await trainSentimentModel({
    ...common,
    labels,
    train: toDataset(readJsonl(join(dir, 'train.jsonl.gz')), labels),
    validation: toDataset(readJsonl(join(dir, 'validation.jsonl.gz')), labels),
    test: toDataset(readJsonl(join(dir, 'test.jsonl.gz')), labels),
  });
  const t = run.test;
  const best = run.training.history.find((h) => h.epoch === run.training.bestEpoch)?.val;
  console.log(
    JSON.stringify({
      task: 'tweeteval',
      tag: values.tag,
      preset: values.preset ?? 'default',
      model: common.model,
      training: common.training,
      bestEpoch: run.training.bestEpoch,
      epochs: run.training.history.length,
      valMacroRecall: best?.recall,
      valMacroF1: best?.f1,
      testAccuracy: t?.accuracy,
      testMacroRecall: t?.recall,
      testMacroF1: t?.f1,
      minutes: (performance.now() - started) / 60000,
    }),
  );
  run.model.dispose();
}
if (values.task === 'cr') {
  // One held-out tenth (seeded, stratified by hand) to compare settings quickly; the figures come from `sentikit cv`.
  const labels = ['0', '1'];
  const rows = readJsonl(join(data, 'cr', 'all.jsonl.gz'));
  let state = Number(values.seed) >>> 0;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const parts: Record<'train' | 'validation' | 'test', typeof rows> = { train: [], validation: [], test: [] };
  for (const label of labels) {
    const mine = rows.filter((r) => r.label === label).sort(() => random() - 0.5);
    const tenth = Math.round(mine.length / 10);
    parts.test.push(...mine.slice(0, tenth));
    parts.validation.push(...mine.slice(tenth, 2 * tenth));
    parts.train.push(...mine.slice(2 * tenth));
  }
  const run = await trainSentimentModel({
    ...common,
    labels: ['negative', 'positive'],
    train: toDataset(parts.train, labels),
    validation: toDataset(parts.validation, labels),
    test: toDataset(parts.test, labels),
  });
  const best = run.training.history.find((h) => h.epoch === run.training.bestEpoch)?.val;
  console.log(
    JSON.stringify({
      task: 'cr-one-split',
      tag: values.tag,
      model: common.model,
      training: common.training,
      bestEpoch: run.training.bestEpoch,
      epochs: run.training.history.length,
      valAccuracy: best?.accuracy,
      testAccuracy: run.test?.accuracy,
      minutes: (performance.now() - started) / 60000,
    }),
  );
  run.model.dispose();
}
process.exit(0);
