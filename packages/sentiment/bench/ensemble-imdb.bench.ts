// BiLSTM + NB-SVM ensemble on IMDB: the bundled BiLSTM (models/imdb-bilstm, trained on the CLI's 90/10
// stratified split, seed 42), an NB-SVM trained on the same 22,500 texts, weights chosen on the same 2,500
// validation texts, then every model scored once on the 25,000 test reviews. One JSON object per line.
// Run: pnpm --filter @sentikit/sentiment bench:ensemble   (env MODEL_DIR overrides the BiLSTM)
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTrainingData, resolveDataset } from '@sentikit/datasets';
import { sharedDataDir } from '@sentikit/testkit';
import { metricsOf } from '../src/evaluate.ts';
import { chooseEnsembleWeights, loadClassifier, trainNbSvmClassifier } from '../src/index.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const load = (): number[] => loadavg().map((v) => +v.toFixed(2));
const dataset = await resolveDataset({ data: join(sharedDataDir(), 'imdb') });
const data = await loadTrainingData(dataset, { valFraction: 0.1, seed: 42 });
const toSet = (rows: readonly { text: string; label: number }[]) => ({
  texts: rows.map((r) => r.text),
  labels: rows.map((r) => r.label),
});
const train = toSet(data.train);
const validation = toSet(data.val);
const test = toSet(data.test ?? []);
const labels = [...data.classNames];

const t0 = performance.now();
const nbsvm = await trainNbSvmClassifier({ train, labels });
const nbsvmSeconds = (performance.now() - t0) / 1000;
const bilstm = await loadClassifier(process.env['MODEL_DIR'] ?? join(root, 'models/imdb-bilstm'));
const members = [bilstm, nbsvm.classifier];
// Each member's probabilities once per split; the ensemble's are their weighted mean (as EnsembleClassifier's).
const t1 = performance.now();
const val: Float32Array[] = [];
for (const m of members) val.push(await m.predictProbabilities(validation.texts));
const choice = chooseEnsembleWeights(val, validation.labels, labels.length);
const [wb, wn] = choice.weights as [number, number];
const mix = (p: Float32Array[]) => p[0]?.map((v, j) => wb * v + wn * (p[1]?.[j] ?? 0));
const accuracy = (p: Float32Array | undefined, data: typeof test) =>
  p ? metricsOf(p, data, labels.length).accuracy : null;
const validationAccuracy = {
  bilstm: accuracy(val[0], validation),
  nbsvm: accuracy(val[1], validation),
  ensemble: accuracy(mix(val), validation),
};
// equal to the bundled model's recorded validation accuracy (0.9064) only if this is its validation split
console.log(
  JSON.stringify({
    bench: 'ensemble-imdb-validation',
    split: { train: train.texts.length, validation: validation.texts.length, test: test.texts.length },
    weights: { bilstm: wb, nbsvm: wn },
    validationAccuracy,
    nbsvmTrainSeconds: +nbsvmSeconds.toFixed(1),
    loadavg: load(),
  }),
);
const testProbs: Float32Array[] = [];
for (const m of members) testProbs.push(await m.predictProbabilities(test.texts));
console.log(
  JSON.stringify({
    bench: 'ensemble-imdb',
    weights: { bilstm: wb, nbsvm: wn },
    validationAccuracy,
    testAccuracy: {
      bilstm: accuracy(testProbs[0], test),
      nbsvm: accuracy(testProbs[1], test),
      ensemble: accuracy(mix(testProbs), test),
    },
    seconds: +((performance.now() - t1) / 1000).toFixed(1),
    loadavg: load(),
  }),
);
bilstm.dispose();
