// Runs in a scratch project where the packed tarballs were installed with npm: it imports every publishable
// package the way a user would (plain Node, no export conditions) and prints one JSON line of results.
// Usage: node classify.mjs <model dir>
import { configureBiLstmEngine, selectBackend } from '@sentikit/bilstm';
import { stratifiedSplit } from '@sentikit/datasets';
import { cosineSimilarity } from '@sentikit/embeddings';
import { accuracy, f1Score } from '@sentikit/metrics';
import { loadSentimentModel } from '@sentikit/sentiment';
import { createTokenizer } from '@sentikit/tokenizer';

const modelDir = process.argv[2];
if (!modelDir) throw new Error('usage: node classify.mjs <model dir>');

const fail = (what, got) => {
  throw new Error(`${what}: got ${JSON.stringify(got)}`);
};

const tokens = createTokenizer().tokenize("I didn't like it.<br /><br />The U.S. cut is well-made!");
const wantTokens = ['i', 'did', "n't", 'like', 'it', '.', 'the', 'u.s.', 'cut', 'is', 'well-made', '!'];
if (JSON.stringify(tokens) !== JSON.stringify(wantTokens)) fail('tokenize', tokens);

const yTrue = [0, 1, 1, 0];
const yPred = [0, 1, 0, 0];
const metrics = { accuracy: accuracy(yTrue, yPred), f1: f1Score(yTrue, yPred) };
if (metrics.accuracy !== 0.75) fail('accuracy', metrics.accuracy);

const split = stratifiedSplit(
  [0, 0, 0, 0, 1, 1, 1, 1].map((label) => ({ label })),
  { valFraction: 0.25 },
);
if (split.val.length !== 2) fail('stratifiedSplit', split);
if (cosineSimilarity([1, 0], [1, 0]) !== 1) fail('cosineSimilarity', cosineSimilarity([1, 0], [1, 0]));

const { backend } = await selectBackend();
// Two threads whatever the machine: the backward direction runs on the worker that dist/fused spawns, which must
// be the built engine-worker.js (there is no tsx here to run a .ts one).
const engine = configureBiLstmEngine(2);
const model = await loadSentimentModel(modelDir);
const texts = [
  'A moving, beautifully acted film. I loved every minute.',
  'Dull, badly written and far too long.',
];
const predictions = await model.classify(texts);
model.dispose();
engine.dispose();
const labels = predictions.map((p) => p.label);
if (labels[0] !== 'positive' || labels[1] !== 'negative') fail('classify', predictions);

console.log(JSON.stringify({ tokens: tokens.length, metrics, backend, threads: engine.threads, labels }));
