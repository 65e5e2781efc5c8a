import type { NbSvmModel } from '@sentikit/nbsvm';
import type { TextClassifier } from './classifier.ts';
import type { Classification, ModelInfo } from './sentiment-model.ts';

/** An `@sentikit/nbsvm` model as a {@link TextClassifier}, with a name, version and recorded metrics. */
export class NbSvmClassifier implements TextClassifier {
  readonly family = 'nbsvm' as const;
  /** The NB-SVM model. */
  readonly model: NbSvmModel;
  /** Name shown by the gateway and the CLI. */
  name: string;
  /** Version string of this model (e.g. its training date). */
  version: string;
  /** Metrics recorded at training time. */
  metrics: Record<string, number> | null = null;

  constructor(model: NbSvmModel, options: { name?: string; version?: string } = {}) {
    this.model = model;
    this.name = options.name ?? 'sentikit-nbsvm';
    this.version = options.version ?? '0';
  }

  get labels(): readonly string[] {
    return this.model.labels;
  }

  /** `vocabularySize` is the number of n-gram features; `maxLength` 0: every token is read. */
  get info(): ModelInfo {
    return {
      name: this.name,
      version: this.version,
      family: this.family,
      labels: [...this.model.labels],
      vocabularySize: this.model.numFeatures,
      maxLength: 0,
      backend: 'typescript',
      metrics: this.metrics,
    };
  }

  async classify(texts: readonly string[]): Promise<Classification[]> {
    return this.model.classify(texts);
  }

  async predictProbabilities(texts: readonly string[]): Promise<Float32Array> {
    return this.model.predictProbabilities(texts);
  }

  /** Nothing to free: the weights are ordinary typed arrays. */
  dispose(): void {}
}
