// BiLSTM + NB-SVM ensemble on IMDB: the bundled BiLSTM (models/imdb-bilstm, trained on the CLI's 90/10
// stratified split, seed 42), an NB-SVM trained on the same 22,500 texts, weights chosen on the same 2,500
// validation texts, then every model scored once on the 25,000 test reviews. One JSON object per line.
// Run: pnpm --filter @sentikit/sentiment bench:ensemble   (env MODEL_DIR overrides the BiLSTM)
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTrainingData, resolveDataset } from '@sentikit/datasets';
import { sharedDataDir } from '@sentikit/testkit';
import { buildEnsemble, evaluateClassifier, loadClassifier, trainNbSvmClassifier } from '../src/index.ts';

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
const t1 = performance.now();
const bilstmVal = await evaluateClassifier(bilstm, validation);
const nbsvmVal = await evaluateClassifier(nbsvm.classifier, validation);
console.log(
  JSON.stringify({
    bench: 'ensemble-imdb-members-validation',
    split: { train: train.texts.length, validation: validation.texts.length, test: test.texts.length },
    // equal to the bundled model's recorded validation accuracy (0.9064) only if this is its validation split
    bilstmValidationAccuracy: bilstmVal.accuracy,
    nbsvmValidationAccuracy: nbsvmVal.accuracy,
    nbsvmTrainSeconds: +nbsvmSeconds.toFixed(1),
    loadavg: load(),
  }),
);
const {
  ensemble,
  validation: ensembleVal,
  test: ensembleTest,
} = await buildEnsemble({
  members: [bilstm, nbsvm.classifier],
  validation,
  test,
});
const bilstmTest = await evaluateClassifier(bilstm, test);
const nbsvmTest = await evaluateClassifier(nbsvm.classifier, test);
console.log(
  JSON.stringify({
    bench: 'ensemble-imdb',
    weights: { bilstm: ensemble.weights[0], nbsvm: ensemble.weights[1] },
    validationAccuracy: {
      bilstm: bilstmVal.accuracy,
      nbsvm: nbsvmVal.accuracy,
      ensemble: ensembleVal.accuracy,
    },
    testAccuracy: {
      bilstm: bilstmTest.accuracy,
      nbsvm: nbsvmTest.accuracy,
      ensemble: ensembleTest?.accuracy,
    },
    seconds: +((performance.now() - t1) / 1000).toFixed(1),
    loadavg: load(),
  }),
);
ensemble.dispose();
