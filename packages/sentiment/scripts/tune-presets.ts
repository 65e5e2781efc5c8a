// Compares model settings on a validation split carved from the IMDB train set (the test set is never read).
// Prints one JSON line per configuration and epoch. Usage:
//   pnpm --filter @sentikit/sentiment tune [--train 5000] [--val 2500] [--epochs 2] [--only name,name]
import { parseArgs } from 'node:util';
import { selectBackend } from '@sentikit/bilstm';
import { glovePath, hasSharedData, loadImdb } from '@sentikit/testkit';
import { shuffleInPlace } from '../src/batches.ts';
import {
  type ModelConfigInput,
  presets,
  type TrainingConfigInput,
  trainSentimentModel,
} from '../src/index.ts';

const { values } = parseArgs({
  options: {
    train: { type: 'string', default: '5000' },
    val: { type: 'string', default: '2500' },
    epochs: { type: 'string', default: '2' },
    only: { type: 'string' },
  },
});
if (!hasSharedData()) {
  console.error('the shared IMDB/GloVe data is not there (see SENTIKIT_SHARED_DATA)');
  process.exit(1);
}

const candidates: Record<string, { model: Partial<ModelConfigInput>; train: TrainingConfigInput }> = {
  'max-dropout': { model: {}, train: {} },
  'max-nodropout': { model: { dropout: 0, embeddingDropout: 0 }, train: {} },
  'maxmean-dropout': { model: { pooling: 'max-mean' }, train: {} },
  'maxmean-nodropout': { model: { pooling: 'max-mean', dropout: 0, embeddingDropout: 0 }, train: {} },
  'final-dropout': { model: { pooling: 'final' }, train: {} },
  'max-lr1e-3-constant': { model: {}, train: { learningRate: 1e-3, schedule: 'constant', warmupSteps: 0 } },
  'max-frozen': { model: { trainEmbeddings: false }, train: {} },
  'max-256': { model: { maxLength: 256 }, train: {} },
  seedlike: { model: presets.seed.model, train: presets.seed.train },
};
const names = values.only ? values.only.split(',') : Object.keys(candidates);

await selectBackend();
const all = await loadImdb('train');
const order = shuffleInPlace(
  all.map((_, i) => i),
  20261127,
);
const nTrain = Number(values.train);
const nVal = Number(values.val);
const pick = (idx: number[]) => ({
  texts: idx.map((i) => all[i]?.text as string),
  labels: idx.map((i) => all[i]?.label as number),
});
const trainSet = pick(order.slice(0, nTrain));
const valSet = pick(order.slice(all.length - nVal));

for (const name of names) {
  const c = candidates[name];
  if (!c) throw new Error(`unknown candidate ${name}; known: ${Object.keys(candidates).join(', ')}`);
  const { model } = await trainSentimentModel({
    train: trainSet,
    validation: valSet,
    labels: ['negative', 'positive'],
    embeddings: glovePath(),
    model: c.model,
    training: { ...c.train, epochs: Number(values.epochs) },
    seed: 1,
    callbacks: {
      onEpochEnd: (r) =>
        console.log(
          JSON.stringify({
            name,
            epoch: r.epoch,
            train: nTrain,
            val: nVal,
            ...r.val,
            trainLoss: r.trainLoss,
            seconds: Math.round(r.seconds),
          }),
        ),
    },
  });
  model.dispose();
}
process.exit(0);
