/** One label's probability in a classification. */
export interface LabelProbability {
  /** The model's label string, e.g. `positive`. */
  label: string;
  /** Its probability in [0, 1]; the probabilities of one text sum to 1. */
  probability: number;
}

/** The model's answer for one text. */
export interface Classification {
  /** The predicted label (the most probable one). */
  label: string;
  /** The probability of the predicted label. */
  score: number;
  /** Every label's probability, in the model's label order. */
  probabilities: LabelProbability[];
  /** How many tokens the text has. */
  tokens: number;
  /** True when the text had more than `maxLength` tokens and was cut. */
  truncated: boolean;
}

/** What a loaded model says about itself. */
export interface ModelInfo {
  /** Model name, e.g. `imdb-bilstm`. */
  name: string;
  /** Model version string. */
  version: string;
  /** The labels in output order, e.g. `['negative', 'positive']`. */
  labels: string[];
  /** Vocabulary size, including special tokens. */
  vocabularySize: number;
  /** Tokens per text the model reads; longer texts are truncated. */
  maxLength: number;
  /** The tfjs backend it runs on, e.g. `wasm`, `tensorflow` or `cpu`. */
  backend: string;
  /** Evaluation metrics saved with the model (e.g. `accuracy`), or null when none were saved. */
  metrics: Record<string, number> | null;
}

/**
 * The structural contract the gateway serves; `@sentikit/bilstm`'s `SentimentModel` satisfies it, and tests
 * use a fake.
 */
export interface SentimentClassifier {
  /** Static facts about the model. */
  readonly info: ModelInfo;
  /** Classifies texts in one model call; resolves to one result per text, in order. */
  classify(texts: readonly string[]): Promise<Classification[]>;
  /** Live tensor count of the backend (tfjs `memory().numTensors`), for the metrics gauge. */
  tensorCount?(): number;
  /** Frees the model's tensors; called once at shutdown. */
  dispose?(): void;
}
