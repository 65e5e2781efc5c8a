import { createSchema } from 'graphql-yoga';
import type { AdmissionContext } from './admission.ts';
import type { Classification, ModelInfo, SentimentClassifier } from './classifier.ts';
import type { GatewayConfig } from './config.ts';
import { GatewayError, toClientError } from './errors.ts';
import { inputSchemas, parseInput } from './inputs.ts';

/** The values of the GraphQL `Sentiment` enum. */
export const sentiments = ['NEGATIVE', 'POSITIVE'] as const;

/** A GraphQL `Sentiment` value. */
export type Sentiment = (typeof sentiments)[number];

/**
 * The `Sentiment` of a model whose labels are exactly negative and positive (in either order, any case), or
 * `null` for any other model: the enum is a convenience of binary sentiment models only.
 */
export function sentimentOf(labels: readonly string[], label: string): Sentiment | null {
  const upper = labels.map((l) => l.trim().toUpperCase());
  if (upper.length !== 2 || !sentiments.every((s) => upper.includes(s))) return null;
  const found = sentiments.find((s) => s === label.trim().toUpperCase());
  return found ?? null;
}

/**
 * Checks at load time that the gateway can serve a model: at least two labels, none empty, no two alike.
 * @throws GatewayError `MODEL_CONTRACT` with one line saying what is wrong
 */
export function assertServable(info: ModelInfo): void {
  const labels = info.labels;
  const problem =
    !Array.isArray(labels) || labels.length < 2
      ? `it has ${Array.isArray(labels) ? labels.length : 'no'} label(s), a classifier needs at least 2`
      : labels.some((l) => typeof l !== 'string' || l.trim() === '')
        ? 'one of its labels is empty'
        : new Set(labels).size !== labels.length
          ? `its labels repeat a name (${labels.join(', ')})`
          : undefined;
  if (problem) {
    throw new GatewayError(
      'MODEL_CONTRACT',
      `cannot serve model "${info.name}": ${problem}; retrain it with distinct class names`,
    );
  }
}

/** The `Classification` GraphQL object. */
export interface ClassificationResult {
  label: string;
  sentiment: Sentiment | null;
  score: number;
  probabilities: { label: string; probability: number }[];
  tokens: number;
  truncated: boolean;
}

/**
 * Converts a model classification to its GraphQL shape.
 * @throws GatewayError `MODEL_CONTRACT` when the model answers a label it does not have
 */
export function toClassificationResult(c: Classification, labels: readonly string[]): ClassificationResult {
  if (!labels.includes(c.label)) {
    throw new GatewayError(
      'MODEL_CONTRACT',
      `the model returned label "${c.label}", which is not one of its labels (${labels.join(', ')})`,
    );
  }
  return {
    label: c.label,
    sentiment: sentimentOf(labels, c.label),
    score: c.score,
    probabilities: c.probabilities.map((p) => ({ label: p.label, probability: p.probability })),
    tokens: c.tokens,
    truncated: c.truncated,
  };
}

/** The SDL, with the configured limits written into the descriptions. */
export function typeDefs(config: Pick<GatewayConfig, 'maxTextChars' | 'maxBatch'>): string {
  return /* GraphQL */ `
"""
Sentiment analysis of English text with the trained BiLSTM model. Expected errors carry
\`extensions.code\`: BAD_USER_INPUT, TOO_MANY_TEXTS, EMPTY_TEXT, QUERY_TOO_COMPLEX (HTTP 400), UNAUTHENTICATED
(HTTP 401), OVERLOADED, MODEL_NOT_READY, MODEL_TIMEOUT, MODEL_CRASHED and SHUTTING_DOWN (HTTP 503).
"""
type Query {
  "Classifies one text. Requests arriving together are batched into one model call."
  classify(
    "The text: not empty, at most ${config.maxTextChars} characters (MAX_TEXT_CHARS)."
    text: String!
  ): Classification!
  "Classifies several texts, one result per text in the same order; an empty list gives an empty list."
  classifyBatch(
    "The texts: at most ${config.maxBatch} (MAX_BATCH), each following the rules of classify's text."
    texts: [String!]!
  ): [Classification!]!
  "What model is being served."
  model: ModelInfo!
}

"""
The sentiment of a text, for models whose labels are exactly negative and positive. Models with other labels
(three classes, spam/ham, ...) answer with their own label names in Classification.label, and sentiment is null.
"""
enum Sentiment {
  "Negative sentiment (the model's \`negative\` label)."
  NEGATIVE
  "Positive sentiment (the model's \`positive\` label)."
  POSITIVE
}

"The model's answer for one text."
type Classification {
  "The predicted label, named as the model names it (ModelInfo.labels): the most probable one."
  label: String!
  "The predicted label as a Sentiment, when the model's labels are negative and positive; else null."
  sentiment: Sentiment
  "The probability of the predicted label, in [1/k, 1] for k labels."
  score: Float!
  "Every label's probability, in the model's label order; they sum to 1."
  probabilities: [LabelProbability!]!
  "How many tokens the text has after tokenization."
  tokens: Int!
  "True when the text had more tokens than the model reads (ModelInfo.maxLength) and was cut."
  truncated: Boolean!
}

"One label's probability."
type LabelProbability {
  "The label, as in ModelInfo.labels."
  label: String!
  "Its probability, in [0, 1]."
  probability: Float!
}

"The served model."
type ModelInfo {
  "Model name."
  name: String!
  "Model version."
  version: String!
  "The model family: bilstm, nbsvm (n-gram NB-SVM) or ensemble (a weighted mix of models)."
  family: String!
  "The model's labels as saved, in output order (e.g. negative, neutral, positive); at least two."
  labels: [String!]!
  "Vocabulary size, including special tokens (for nbsvm: n-gram features)."
  vocabularySize: Int!
  "Tokens per text the model reads; longer texts are truncated. 0: every token is read (nbsvm)."
  maxLength: Int!
  "What it runs on: the TensorFlow.js backend (e.g. wasm, tensorflow, cpu), typescript for nbsvm, each member's for an ensemble."
  backend: String!
  "Evaluation metrics saved with the model, sorted by name; null when it was saved without any."
  metrics: [TrainingMetric!]
}

"One evaluation metric saved with the model."
type TrainingMetric {
  "Metric name, e.g. accuracy or f1."
  name: String!
  "Its value."
  value: Float!
}
`;
}

/** What the resolvers need from the gateway. */
export interface SchemaDeps {
  config: Pick<GatewayConfig, 'maxTextChars' | 'maxBatch'>;
  /** Queues texts for the model, under the request's admission ticket when it has one. */
  batcher: { submit(texts: readonly string[], context: AdmissionContext): Promise<Classification[]> };
  /** The loaded classifier. @throws GatewayError `MODEL_NOT_READY` while none is loaded */
  classifier: () => SentimentClassifier;
  /** Called once per served classification, with the model's label. */
  onClassified?: (label: string) => void;
}

/** Builds the executable schema around a batcher and a classifier source. */
export function createGatewaySchema(deps: SchemaDeps) {
  const inputs = inputSchemas(deps.config);
  const serve = async (
    texts: string[],
    context: AdmissionContext,
    name: string,
  ): Promise<ClassificationResult[]> => {
    const labels = deps.classifier().info.labels;
    const classified = await deps.batcher.submit(texts, context);
    const empty = classified.findIndex((c) => c.tokens === 0);
    if (empty >= 0) {
      const where = name === 'text' ? name : `${name}[${empty}]`;
      throw new GatewayError(
        'EMPTY_TEXT',
        `${where} has no words the model can read (only markup, symbols or invisible characters); send text with words`,
      );
    }
    const results = classified.map((c) => toClassificationResult(c, labels));
    for (const r of results) deps.onClassified?.(r.label);
    return results;
  };
  const clientErrors =
    <A extends unknown[], T>(fn: (...args: A) => Promise<T> | T) =>
    async (...args: A): Promise<T> => {
      try {
        return await fn(...args);
      } catch (error) {
        throw toClientError(error);
      }
    };
  return createSchema({
    typeDefs: typeDefs(deps.config),
    resolvers: {
      Query: {
        classify: clientErrors(async (_: unknown, args: { text: unknown }, context: AdmissionContext) => {
          const text = parseInput(inputs.text, args.text, 'text');
          const [result] = await serve([text], context, 'text');
          return result;
        }),
        classifyBatch: clientErrors((_: unknown, args: { texts: unknown }, context: AdmissionContext) =>
          serve(parseInput(inputs.texts, args.texts, 'texts'), context, 'texts'),
        ),
        model: clientErrors(() => toModelInfoResult(deps.classifier().info)),
      },
    },
  });
}

/** The `ModelInfo` GraphQL object: metrics become a sorted `{ name, value }` list. */
export function toModelInfoResult(info: ModelInfo) {
  return {
    ...info,
    labels: [...info.labels],
    metrics: info.metrics
      ? Object.entries(info.metrics)
          .map(([name, value]) => ({ name, value }))
          .sort((a, b) => a.name.localeCompare(b.name))
      : null,
  };
}
