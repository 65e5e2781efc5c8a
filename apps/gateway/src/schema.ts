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

/** Maps a model label to the `Sentiment` enum, ignoring case. @throws GatewayError `MODEL_CONTRACT` for any other label */
export function toSentiment(label: string): Sentiment {
  const upper = label.trim().toUpperCase();
  const found = sentiments.find((s) => s === upper);
  if (!found) {
    throw new GatewayError(
      'MODEL_CONTRACT',
      `the model returned label "${label}", which is not one of ${sentiments.join(', ')}`,
    );
  }
  return found;
}

/** The `Classification` GraphQL object. */
export interface ClassificationResult {
  label: Sentiment;
  score: number;
  probabilities: { label: Sentiment; probability: number }[];
  tokens: number;
  truncated: boolean;
}

/** Converts a model classification to its GraphQL shape. @throws GatewayError `MODEL_CONTRACT` on an unknown label */
export function toClassificationResult(c: Classification): ClassificationResult {
  return {
    label: toSentiment(c.label),
    score: c.score,
    probabilities: c.probabilities.map((p) => ({ label: toSentiment(p.label), probability: p.probability })),
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

"The sentiment of a text."
enum Sentiment {
  "Negative sentiment (the model's \`negative\` label)."
  NEGATIVE
  "Positive sentiment (the model's \`positive\` label)."
  POSITIVE
}

"The model's answer for one text."
type Classification {
  "The predicted sentiment: the most probable label."
  label: Sentiment!
  "The probability of the predicted label, in [0.5, 1] for two labels."
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
  "The label."
  label: Sentiment!
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
  "The model's labels as saved, in output order (e.g. negative, positive)."
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
  /** Called once per served classification. */
  onClassified?: (label: Sentiment) => void;
}

/** Builds the executable schema around a batcher and a classifier source. */
export function createGatewaySchema(deps: SchemaDeps) {
  const inputs = inputSchemas(deps.config);
  const serve = async (
    texts: string[],
    context: AdmissionContext,
    name: string,
  ): Promise<ClassificationResult[]> => {
    deps.classifier();
    const classified = await deps.batcher.submit(texts, context);
    const empty = classified.findIndex((c) => c.tokens === 0);
    if (empty >= 0) {
      const where = name === 'text' ? name : `${name}[${empty}]`;
      throw new GatewayError(
        'EMPTY_TEXT',
        `${where} has no words the model can read (only markup, symbols or invisible characters); send text with words`,
      );
    }
    const results = classified.map(toClassificationResult);
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
