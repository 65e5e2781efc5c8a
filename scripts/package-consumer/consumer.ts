// Type-checked (never run) in the scratch project with `tsc --noEmit --strict`, once with
// `moduleResolution: node16` and once with `bundler`: the packed declarations must resolve and hold together.
import { type BackendSelection, BiLstmError, FusedBiLstm, selectBackend } from '@sentikit/bilstm';
import { DatasetError, type LabeledRecord, stratifiedSplit } from '@sentikit/datasets';
import { type Embeddings, EmbeddingsError, loadEmbeddings } from '@sentikit/embeddings';
import { accuracy, f1Score, MetricsAccumulator } from '@sentikit/metrics';
import {
  loadSentimentModel,
  type ModelConfig,
  modelConfigSchema,
  SentimentError,
  type SentimentModel,
} from '@sentikit/sentiment';
import { createTokenizer, SentiTokenizer, TokenizerError } from '@sentikit/tokenizer';

/** True only for `any`: a declaration that failed to resolve turns into `any` instead of an error. */
type IsAny<T> = 0 extends 1 & T ? true : false;
const resolved: [
  IsAny<typeof selectBackend>,
  IsAny<typeof stratifiedSplit>,
  IsAny<typeof loadEmbeddings>,
  IsAny<typeof f1Score>,
  IsAny<SentimentModel>,
  IsAny<SentiTokenizer>,
] = [false, false, false, false, false, false];

export { resolved };

export async function consume(modelDir: string): Promise<string[]> {
  const selection: BackendSelection = await selectBackend('auto');
  const tokens: string[] = createTokenizer().tokenize('A fine film.');
  const vocab: SentiTokenizer = await SentiTokenizer.train(['a fine film'], { minFreq: 1 });
  const ids: Int32Array = vocab.encode('a fine film');
  const score: number = f1Score([0, 1], [0, 1]) + accuracy([0, 1], [1, 1]);
  const acc = new MetricsAccumulator({ numClasses: 2 });
  acc.update({ yTrue: [0, 1], probabilities: Float32Array.from([0.2, 0.7]) });
  const rows: LabeledRecord[] = [{ text: 'a', label: 0, source: 'inline:1' }];
  const { train } = stratifiedSplit(rows, { valFraction: 0.5 });
  const config: ModelConfig = modelConfigSchema.parse({ vocabSize: 10, labels: ['negative', 'positive'] });
  const model: SentimentModel = await loadSentimentModel(modelDir);
  const predictions = await model.classify(['a fine film']);
  model.dispose();
  const loader: (path: string) => Promise<Embeddings> = (path) =>
    loadEmbeddings(path, { vocabulary: vocab.vocabulary });
  const errors = [BiLstmError, DatasetError, EmbeddingsError, SentimentError, TokenizerError].map(
    (e) => e.name,
  );
  return [
    selection.backend,
    FusedBiLstm.className,
    String(tokens.length + ids.length + score + train.length + config.hidden),
    String(acc.compute().accuracy),
    typeof loader,
    ...errors,
    ...predictions.map((p) => `${p.label}:${p.score.toFixed(2)}`),
  ];
}
