import { classificationsOf, type TextClassifier } from './classifier.ts';
import { SentimentError } from './errors.ts';
import type { Classification, ModelInfo } from './sentiment-model.ts';

/**
 * A weighted average of several models' probabilities (the members share labels). Weights are chosen on
 * validation data with {@link chooseEnsembleWeights}, never on test data.
 */
export class EnsembleClassifier implements TextClassifier {
  readonly family = 'ensemble' as const;
  /** The member models, in order. */
  readonly members: readonly TextClassifier[];
  /** One non-negative weight per member, summing to 1. */
  readonly weights: readonly number[];
  /** Name shown by the gateway and the CLI. */
  name: string;
  /** Version string of this model. */
  version: string;
  /** Metrics recorded at training time. */
  metrics: Record<string, number> | null = null;

  constructor(
    members: readonly TextClassifier[],
    weights: readonly number[],
    options: { name?: string; version?: string } = {},
  ) {
    if (members.length < 1 || members.length !== weights.length)
      throw new SentimentError(
        'INVALID_ARGUMENT',
        `an ensemble needs one weight per member, got ${members.length} members and ${weights.length} weights`,
      );
    const labels = (members[0] as TextClassifier).labels;
    for (const m of members)
      if (m.labels.length !== labels.length || m.labels.some((l, i) => l !== labels[i]))
        throw new SentimentError(
          'INVALID_ARGUMENT',
          `ensemble members must share labels: [${labels.join(', ')}] vs [${m.labels.join(', ')}]`,
        );
    const sum = weights.reduce((a, b) => a + b, 0);
    if (weights.some((w) => !(w >= 0)) || !(sum > 0))
      throw new SentimentError(
        'INVALID_ARGUMENT',
        `ensemble weights must be non-negative with a positive sum, got [${weights.join(', ')}]`,
      );
    this.members = members;
    this.weights = weights.map((w) => w / sum);
    this.name = options.name ?? 'sentikit-ensemble';
    this.version = options.version ?? '0';
  }

  get labels(): readonly string[] {
    return (this.members[0] as TextClassifier).labels;
  }

  /** The members' facts combined: sizes of the first member, backends joined. */
  get info(): ModelInfo {
    const infos = this.members.map((m) => m.info);
    const first = infos[0] as ModelInfo;
    return {
      ...first,
      name: this.name,
      version: this.version,
      family: this.family,
      backend: infos.map((i) => `${i.family ?? 'bilstm'}: ${i.backend}`).join(', '),
      metrics: this.metrics,
    };
  }

  async predictProbabilities(texts: readonly string[]): Promise<Float32Array> {
    const out = new Float32Array(texts.length * this.labels.length);
    for (const [i, member] of this.members.entries()) {
      const w = this.weights[i] as number;
      if (w === 0) continue;
      const p = await member.predictProbabilities(texts);
      for (let j = 0; j < out.length; j++) out[j] = (out[j] as number) + w * (p[j] as number);
    }
    return out;
  }

  async classify(texts: readonly string[]): Promise<Classification[]> {
    const parts = await Promise.all(
      this.members.map((m, i) => ((this.weights[i] as number) > 0 ? m.classify(texts) : null)),
    );
    const k = this.labels.length;
    const probs = new Float32Array(texts.length * k);
    parts.forEach((part, i) => {
      part?.forEach((c, t) => {
        for (let j = 0; j < k; j++)
          probs[t * k + j] =
            (probs[t * k + j] as number) +
            (this.weights[i] as number) * (c.probabilities[j]?.probability ?? 0);
      });
    });
    const first = parts.find((p) => p !== null) ?? [];
    // A text counts as cut when any member had to cut it.
    const truncated = texts.map((_, t) => parts.some((p) => p?.[t]?.truncated === true));
    return classificationsOf(
      this.labels,
      probs,
      first.map((c) => c.tokens),
      truncated,
    );
  }

  /** Live tfjs tensors (one count for the process) when a member runs on tfjs, for the gateway's gauge. */
  tensorCount(): number | undefined {
    for (const m of this.members) {
      const counted = m as { tensorCount?: () => number | undefined };
      if (typeof counted.tensorCount === 'function') return counted.tensorCount();
    }
    return undefined;
  }

  dispose(): void {
    for (const m of this.members) m.dispose();
  }
}

/**
 * What {@link chooseEnsembleWeights} optimises on validation data: `logLoss` (the mean log loss, lowest wins),
 * `balancedLogLoss` (each class's mean log loss counts the same, as balanced class weights weigh it), or the
 * share of right answers, `accuracy` or `macroRecall` (highest wins). The losses change smoothly with the weights,
 * so a small validation split chooses less by chance.
 */
export type EnsembleMetric = 'logLoss' | 'balancedLogLoss' | 'accuracy' | 'macroRecall';

/** Options of {@link chooseEnsembleWeights}. */
export interface ChooseWeightsOptions {
  /** Grid step of each weight. @default 0.05 */
  step?: number;
  /** What the weights optimise on the validation data. @default 'logLoss' */
  metric?: EnsembleMetric;
}

/**
 * Grid search over weights (on the simplex, in steps of `step`) for the members' validation probabilities:
 * the weights with the best `metric`, ties broken by lower log loss, then by the earliest grid point.
 * @param probabilities one row-major `n × k` array per member
 * @param labels the validation labels
 * @returns the weights, their `score` on `metric` (a loss for the log-loss metrics) and their log loss
 */
export function chooseEnsembleWeights(
  probabilities: readonly Float32Array[],
  labels: ArrayLike<number>,
  k: number,
  options: ChooseWeightsOptions = {},
): { weights: number[]; score: number; logLoss: number } {
  const step = options.step ?? 0.05;
  const metric = options.metric ?? 'logLoss';
  const units = Math.round(1 / step);
  const n = labels.length;
  for (const p of probabilities)
    if (p.length !== n * k)
      throw new SentimentError(
        'INVALID_ARGUMENT',
        `member probabilities have ${p.length} values, expected ${n} × ${k}`,
      );
  const counts = new Float64Array(k);
  for (let i = 0; i < n; i++) counts[labels[i] as number] = (counts[labels[i] as number] as number) + 1;
  const present = counts.filter((c) => c > 0).length;
  // Higher is better for every objective here: losses are negated.
  let best = { weights: [] as number[], objective: Number.NEGATIVE_INFINITY, score: 0, logLoss: 0 };
  const mix = new Float64Array(k);
  const evaluate = (weights: number[]): void => {
    let right = 0;
    let loss = 0;
    const hits = new Float64Array(k);
    const classLoss = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      mix.fill(0);
      for (const [m, p] of probabilities.entries()) {
        const w = weights[m] as number;
        if (w > 0) for (let c = 0; c < k; c++) mix[c] = (mix[c] as number) + w * (p[i * k + c] as number);
      }
      let top = 0;
      for (let c = 1; c < k; c++) if ((mix[c] as number) > (mix[top] as number)) top = c;
      const y = labels[i] as number;
      if (top === y) {
        right++;
        hits[y] = (hits[y] as number) + 1;
      }
      const l = -Math.log(Math.max(mix[y] as number, 1e-15));
      loss += l;
      classLoss[y] = (classLoss[y] as number) + l;
    }
    loss /= n;
    let score: number;
    if (metric === 'accuracy') score = right / n;
    else if (metric === 'logLoss') score = loss;
    else {
      // Means over the classes present in the validation data.
      const perClass = metric === 'macroRecall' ? hits : classLoss;
      score = 0;
      for (let c = 0; c < k; c++)
        if ((counts[c] as number) > 0) score += (perClass[c] as number) / (counts[c] as number);
      score /= present;
    }
    const objective = metric === 'logLoss' || metric === 'balancedLogLoss' ? -score : score;
    if (
      objective > best.objective + 1e-12 ||
      (Math.abs(objective - best.objective) <= 1e-12 && loss < best.logLoss - 1e-12)
    )
      best = { weights, objective, score, logLoss: loss };
  };
  // Every composition of `units` into one part per member.
  const walk = (prefix: number[], left: number): void => {
    if (prefix.length === probabilities.length - 1) {
      evaluate([...prefix, left].map((u) => u / units));
      return;
    }
    for (let u = 0; u <= left; u++) walk([...prefix, u], left - u);
  };
  walk([], units);
  return { weights: best.weights, score: best.score, logLoss: best.logLoss };
}
