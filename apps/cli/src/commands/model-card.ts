import { cpus, totalmem } from 'node:os';

/** Everything the model card of a trained model states. */
export interface ModelCardInput {
  name: string;
  created: string;
  preset: string;
  /** Where the data came from and how many texts each split had. */
  data: { source: string; train: number; validation: number; test: number; classNames: readonly string[] };
  tokenizer: { vocabularySize: number; options: Record<string, unknown> };
  embeddings: { source: string; found: number; typeCoverage: number; tokenCoverage: number | null } | null;
  model: Record<string, unknown>;
  training: Record<string, unknown>;
  /** Settings chosen from the training data, with their reasons. */
  settings?: readonly { setting: string; value: unknown; reason: string }[];
  /** The run's warnings. */
  warnings?: readonly string[];
  history: {
    epoch: number;
    trainLoss: number;
    val: { loss: number; accuracy: number; f1: number } | null;
    seconds: number;
  }[];
  bestEpoch: number;
  minutes: number;
  backend: string;
  test: { accuracy: number; precision: number; recall: number; f1: number; loss: number } | null;
}

const f4 = (x: number): string => x.toFixed(4);

/** The machine the model was trained on, in one line. */
export function describeMachine(): string {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

/** `README.md` of a saved model: data, tokenizer, configuration, training time and machine, metrics. */
export function renderModelCard(m: ModelCardInput, machine = describeMachine()): string {
  const pct = (x: number | null) => (x === null ? 'n/a' : `${(100 * x).toFixed(1)}%`);
  const rows = m.history
    .map(
      (h) =>
        `| ${h.epoch}${h.epoch === m.bestEpoch ? ' (kept)' : ''} | ${f4(h.trainLoss)} | ${h.val ? f4(h.val.loss) : '–'} | ${h.val ? f4(h.val.accuracy) : '–'} | ${h.val ? f4(h.val.f1) : '–'} | ${Math.round(h.seconds)} |`,
    )
    .join('\n');
  const json = (o: Record<string, unknown>) => `\`\`\`json\n${JSON.stringify(o, null, 2)}\n\`\`\``;
  return `# ${m.name}

A BiLSTM sentiment classifier trained with SentiKit (\`sentikit train --preset ${m.preset}\`), ${m.created}.
Labels: ${m.data.classNames.map((c, i) => `${i} = ${c}`).join(', ')}. Load it with \`loadSentimentModel(dir)\` from
\`@sentikit/sentiment\`, serve it with \`@sentikit/gateway\` (\`MODEL_DIR\`), or query it with \`sentikit predict --model dir\`.

## Data

${m.data.source}: ${m.data.train.toLocaleString('en')} texts for training, ${m.data.validation.toLocaleString('en')} for validation (a stratified, seeded
share of the training split), ${m.data.test.toLocaleString('en')} for the test (evaluated once, after training).

## Tokenizer and embeddings

Vocabulary of ${m.tokenizer.vocabularySize.toLocaleString('en')} tokens built from the training texts (\`tokenizer.json\`), tokenizer options:

${json(m.tokenizer.options)}

${m.embeddings ? `Embeddings started from ${m.embeddings.source}: ${m.embeddings.found.toLocaleString('en')} vocabulary words found (${pct(m.embeddings.typeCoverage)} of types, ${pct(m.embeddings.tokenCoverage)} of tokens), the rest random; fine-tuned or not as the configuration says.` : 'Embeddings initialised at random.'}

## Configuration

${json(m.model)}

Training:

${json(m.training)}
${
  m.settings && m.settings.length > 0
    ? `\nChosen from the training data (explicit options win over these):\n\n${m.settings.map((c) => `- \`${c.setting}\` = \`${JSON.stringify(c.value)}\`: ${c.reason}`).join('\n')}\n`
    : ''
}${m.warnings && m.warnings.length > 0 ? `\n**Warnings of the run:**\n\n${m.warnings.map((w) => `- ${w}`).join('\n')}\n` : ''}
## Training

${m.minutes.toFixed(1)} minutes in all (vocabulary, embeddings, training, validation, test), on ${machine}, tfjs backend \`${m.backend}\`.

| epoch | train loss | val loss | val accuracy | val F1 | seconds |
| --- | --- | --- | --- | --- | --- |
${rows}

## Test metrics

${m.test ? `| accuracy | precision | recall | F1 | loss |\n| --- | --- | --- | --- | --- |\n| ${f4(m.test.accuracy)} | ${f4(m.test.precision)} | ${f4(m.test.recall)} | ${f4(m.test.f1)} | ${f4(m.test.loss)} |\n\n${m.data.classNames.length === 2 ? 'Precision, recall and F1 are those of the positive class (label 1).' : 'Precision, recall and F1 are macro averages over the classes.'} \`report.html\` has the curves, the confusion\nmatrix and the classification report.` : 'No test split was given.'}
`;
}
