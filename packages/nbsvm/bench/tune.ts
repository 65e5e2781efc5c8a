// Grid over C and beta (and the feature options given by env) on a validation split of IMDB *train* only.
// Run: pnpm exec tsx --conditions=@sentikit/source bench/tune.ts  (env NGRAMS, MIN_DF, MAX_FEATURES, C, BETA)
import { NgramFeaturizer } from '../src/featurizer.ts';
import { TrainerOptions } from '../src/options.ts';
import { rowScore, trainBinaryNbSvm } from '../src/train-classifier.ts';
import { permutation, pick, readSet } from './data.ts';

const env = (k: string, d: string): string => process.env[k] ?? d;
const list = (k: string, d: string): number[] => env(k, d).split(',').map(Number);
const all = readSet('imdb', 'train');
const order = permutation(all.texts.length, 7);
const cut = Math.floor(all.texts.length * 0.8);
const train = pick(all, order.subarray(0, cut));
const val = pick(all, order.subarray(cut));
const t0 = performance.now();
const { featurizer, matrix } = NgramFeaturizer.fit(train.texts, {
  ngrams: Number(env('NGRAMS', '3')),
  minDf: Number(env('MIN_DF', '1')),
  maxFeatures: Number(env('MAX_FEATURES', '2000000')),
  binary: env('BINARY', '1') === '1',
});
const featureSeconds = (performance.now() - t0) / 1000;
const vx = featurizer.transform(val.texts);
const positive = Uint8Array.from(train.labels);
for (const c of list('C', '0.01,0.03,0.1,0.3')) {
  for (const beta of list('BETA', '0.25,0.5,1')) {
    const t1 = performance.now();
    const m = trainBinaryNbSvm(
      matrix,
      positive,
      TrainerOptions.parse({ c, beta, calibrationFolds: 2, tolerance: Number(env('TOL', '0.1')) }),
    );
    let right = 0;
    for (let r = 0; r < vx.rows; r++)
      if (rowScore(vx, r, m.weights, m.bias) > 0 === (val.labels[r] === 1)) right++;
    console.log(
      JSON.stringify({
        ngrams: featurizer.options.ngrams,
        minDf: featurizer.options.minDf,
        features: featurizer.numFeatures,
        featureSeconds: +featureSeconds.toFixed(2),
        c,
        beta,
        fitSeconds: +((performance.now() - t1) / 1000).toFixed(2),
        tolerance: Number(env('TOL', '0.1')),
        epochs: m.epochs,
        valAccuracy: right / vx.rows,
      }),
    );
  }
}
