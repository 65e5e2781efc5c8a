import type { Classification, ModelInfo, SentimentClassifier } from './classifier.ts';

/** Options of {@link createFakeClassifier}. */
export interface FakeClassifierOptions {
  /** Fixed cost of one call in milliseconds, spent busy-waiting like a CPU-bound model. @default 0 */
  overheadMs?: number;
  /** Extra cost per text in milliseconds, busy-waiting. @default 0 */
  perTextMs?: number;
  /** Tokens the fake model reads; longer texts are reported as truncated. @default 200 */
  maxLength?: number;
  /** Overrides of the model info. @default a fake `imdb-bilstm` */
  info?: Partial<ModelInfo>;
  /** Called with each batch before it is classified; throw from it to simulate a failing model. @default none */
  onCall?: (texts: readonly string[]) => void;
  /** How many of the latest calls `calls` keeps, so a long run does not grow without bound. @default 100 */
  keepCalls?: number;
}

const positiveWords = new Set([
  'good',
  'great',
  'excellent',
  'moving',
  'beautiful',
  'beautifully',
  'love',
  'loved',
  'best',
  'wonderful',
  'fun',
]);
const negativeWords = new Set([
  'bad',
  'awful',
  'boring',
  'worst',
  'terrible',
  'hate',
  'hated',
  'dull',
  'waste',
  'poor',
]);

/** k > 2 labels read as a scale from the first to the last: the word balance picks a point on it. */
function spread(labels: readonly string[], positive: number): { label: string; probability: number }[] {
  const target = (labels.length - 1) * positive;
  const weights = labels.map((_, c) => Math.exp(-2 * (c - target) ** 2));
  const total = weights.reduce((a, b) => a + b, 0);
  return labels.map((label, c) => ({ label, probability: (weights[c] as number) / total }));
}

function busyWait(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // Spin: a real model keeps the CPU busy, so the benchmark's fake must too.
  }
}

/**
 * A stand-in model for tests, examples and the benchmark: counts positive and negative words, turns the
 * difference into a probability with a logistic function (with k > 2 labels, a point on the scale from the first
 * label to the last), and can cost `overheadMs + perTextMs × texts`
 * of CPU per call. Deterministic: the same text always gets the same answer.
 */
export function createFakeClassifier(options: FakeClassifierOptions = {}): SentimentClassifier & {
  /** The latest batches received (up to `keepCalls`), oldest first. */
  readonly calls: readonly (readonly string[])[];
} {
  const maxLength = options.maxLength ?? 200;
  const info: ModelInfo = {
    name: 'imdb-bilstm',
    version: 'fake',
    family: 'bilstm',
    labels: ['negative', 'positive'],
    vocabularySize: 20_000,
    maxLength,
    backend: 'fake',
    metrics: { accuracy: 0.5 },
    ...options.info,
  };
  const calls: string[][] = [];
  const keepCalls = options.keepCalls ?? 100;
  let disposed = false;
  const classifyOne = (text: string): Classification => {
    const words = text.toLowerCase().match(/[a-z']+/g) ?? [];
    let balance = 0;
    for (const w of words) balance += positiveWords.has(w) ? 1 : negativeWords.has(w) ? -1 : 0;
    const positive = 1 / (1 + Math.exp(-balance));
    const probabilities =
      info.labels.length === 2
        ? [
            { label: info.labels[0] ?? 'negative', probability: 1 - positive },
            { label: info.labels[1] ?? 'positive', probability: positive },
          ]
        : spread(info.labels, 1 / (1 + Math.exp(-2 * balance)));
    let best = probabilities[0];
    for (const p of probabilities) if (best && p.probability >= best.probability) best = p;
    return {
      label: best?.label ?? 'positive',
      score: best?.probability ?? positive,
      probabilities,
      tokens: words.length,
      truncated: words.length > maxLength,
    };
  };
  return {
    info,
    calls,
    async classify(texts) {
      if (disposed) throw new Error('fake classifier used after dispose()');
      calls.push([...texts]);
      if (calls.length > keepCalls) calls.splice(0, calls.length - keepCalls);
      options.onCall?.(texts);
      busyWait((options.overheadMs ?? 0) + (options.perTextMs ?? 0) * texts.length);
      return texts.map(classifyOne);
    },
    tensorCount: () => (disposed ? 0 : 4),
    dispose() {
      disposed = true;
    },
  };
}
