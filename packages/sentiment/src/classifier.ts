import type { Classification, ModelInfo } from './sentiment-model.ts';

/** The model families SentiKit trains, saves and serves. */
export const MODEL_FAMILIES = ['bilstm', 'nbsvm', 'ensemble'] as const;
/** One of {@link MODEL_FAMILIES}: the BiLSTM, NB-SVM over n-grams, or a weighted ensemble of models. */
export type ModelFamily = (typeof MODEL_FAMILIES)[number];

/**
 * What every model family offers, so the CLI, the gateway and library users load and call any of them the
 * same way (`loadClassifier(dir)`).
 */
export interface TextClassifier {
  /** Which family this is. */
  readonly family: ModelFamily;
  /** Class names in label order (label i is `labels[i]`). */
  readonly labels: readonly string[];
  /** Name, version, labels, sizes, backend and training metrics. */
  readonly info: ModelInfo;
  /** Labels, scores and probabilities for texts, one result per text in order. */
  classify(texts: readonly string[]): Promise<Classification[]>;
  /** Class probabilities, row-major `texts.length × labels.length`. */
  predictProbabilities(texts: readonly string[]): Promise<Float32Array>;
  /** Frees what the model holds (tensors, engines); call once, after the last call. */
  dispose(): void;
}

/** Classifications from row-major probabilities (the most probable label wins). */
export function classificationsOf(
  labels: readonly string[],
  probs: Float32Array,
  tokens: ArrayLike<number>,
  truncated: ArrayLike<boolean>,
): Classification[] {
  const k = labels.length;
  return Array.from({ length: tokens.length }, (_, i) => {
    const row = probs.subarray(i * k, (i + 1) * k);
    let best = 0;
    for (let c = 1; c < k; c++) if ((row[c] as number) > (row[best] as number)) best = c;
    return {
      label: labels[best] as string,
      score: row[best] as number,
      probabilities: labels.map((label, c) => ({ label, probability: row[c] as number })),
      tokens: tokens[i] as number,
      truncated: truncated[i] as boolean,
    };
  });
}
