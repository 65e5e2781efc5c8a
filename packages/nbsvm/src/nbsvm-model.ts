import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NbSvmError } from './errors.ts';
import { NgramFeaturizer } from './featurizer.ts';
import { binaryBytes, NBSVM_FORMAT, NBSVM_FORMAT_VERSION, NbSvmFile } from './model-file.ts';
import { featureOptionsOf, NbSvmOptions, type NbSvmOptionsInput, parseOptions } from './options.ts';
import { plattProbability } from './platt.ts';
import { type NbSvmSelection, type SelectionTrial, selectSettings } from './select-settings.ts';
import { type BinaryNbSvm, trainBinaryNbSvm } from './train-classifier.ts';

/** One text's prediction. */
export interface NbSvmClassification {
  /** The predicted class name. */
  label: string;
  /** Probability of the predicted class. */
  score: number;
  /** Every class with its probability, in label order. */
  probabilities: { label: string; probability: number }[];
  /** Tokens in the text. */
  tokens: number;
  /** Always false: every n-gram of a text is read, whatever its length. */
  truncated: boolean;
}

/** What training took, for reports and benchmarks. */
export interface NbSvmTrainingStats {
  /** Seconds spent tokenizing and building the feature matrix and vocabulary. */
  featureSeconds: number;
  /** Seconds spent on NB ratios, SVM fits (calibration folds included) and sigmoids. */
  fitSeconds: number;
  /** Feature columns kept. */
  numFeatures: number;
  /** Stored feature entries of the training matrix. */
  nonZeros: number;
  /** Epochs of each classifier's final SVM fit. */
  epochs: number[];
  /** The settings tried on validation and the ones kept, when `select` was given. */
  selection?: { c: number; beta: number; trials: SelectionTrial[] };
}

/** Progress callbacks and settings selection of {@link NbSvmModel.train}; packages never print. */
export interface NbSvmTrainCallbacks {
  /** Try these settings on validation data first and train with the best (recorded in `stats.selection`). */
  select?: NbSvmSelection;
  /** Called as each phase ends: `features` (with the matrix built) then `fit` per classifier. */
  onPhase?: (event: { phase: 'features' | 'fit'; seconds: number; classifier?: number }) => void;
}

// One "class vs rest" scorer as predictions use it.
interface Classifier {
  weights: Float32Array;
  bias: number;
  platt: { a: number; b: number };
}

/** The two files of a saved model. */
export const NBSVM_FILES = ['nbsvm.json', 'nbsvm.bin'] as const;

/**
 * An NB-SVM text classifier (Wang & Manning 2012): n-gram features scaled by naive Bayes log-count ratios,
 * an L2-loss linear SVM per "class vs rest", Platt sigmoids for probabilities. Train with
 * {@link NbSvmModel.train}, save with `save(dir)` / `toFiles()`, load with {@link NbSvmModel.load}.
 */
export class NbSvmModel {
  /** The validated options (labels, features, trainer). */
  readonly options: NbSvmOptions;
  /** Class names in label order. */
  readonly labels: readonly string[];
  /** What training took (null for a loaded model). */
  readonly stats: NbSvmTrainingStats | null;
  /** Each label's share of the training texts, in label order (null for a model file without them). */
  readonly classShares: readonly number[] | null;
  readonly #featurizer: NgramFeaturizer;
  readonly #classifiers: readonly Classifier[];
  // With `classWeights: 'balanced'`: what each calibrated probability is divided by.
  readonly #divisors: Float32Array | null;

  private constructor(
    options: NbSvmOptions,
    featurizer: NgramFeaturizer,
    classifiers: readonly Classifier[],
    stats: NbSvmTrainingStats | null,
    classShares: readonly number[] | null,
  ) {
    this.options = options;
    this.labels = Object.freeze([...options.labels]);
    this.#featurizer = featurizer;
    this.#classifiers = classifiers;
    this.stats = stats;
    this.classShares = classShares && Object.freeze([...classShares]);
    this.#divisors =
      options.classWeights === 'balanced' && classShares ? Float32Array.from(classShares) : null;
  }

  /**
   * Trains a model on texts and their labels (integers, label i is `options.labels[i]`).
   * @throws NbSvmError `INVALID_DATA` for no texts, length mismatch or a label out of range
   */
  static train(
    texts: readonly string[],
    labels: ArrayLike<number>,
    options: NbSvmOptionsInput = {},
    callbacks: NbSvmTrainCallbacks = {},
  ): NbSvmModel {
    let parsed = parseOptions(NbSvmOptions, options);
    const k = parsed.labels.length;
    if (texts.length === 0)
      throw new NbSvmError('INVALID_DATA', 'No training texts; pass at least one per label');
    if (texts.length !== labels.length)
      throw new NbSvmError(
        'INVALID_DATA',
        `${texts.length} texts but ${labels.length} labels; pass one label per text`,
      );
    const seen = new Int32Array(k);
    for (let i = 0; i < labels.length; i++) {
      const y = labels[i] as number;
      if (!Number.isInteger(y) || y < 0 || y >= k)
        throw new NbSvmError(
          'INVALID_DATA',
          `Label ${String(y)} of text ${i} is not an integer in [0, ${k}); labels are indices into [${parsed.labels.join(', ')}]`,
        );
      seen[y] = (seen[y] as number) + 1;
    }
    const missing = parsed.labels.filter((_, c) => seen[c] === 0);
    if (missing.length > 0)
      throw new NbSvmError(
        'INVALID_DATA',
        `No training text has label ${missing.join(', ')}; every label needs texts`,
      );
    const t0 = performance.now();
    const { featurizer, matrix } = NgramFeaturizer.fit(texts, featureOptionsOf(parsed));
    const featureSeconds = (performance.now() - t0) / 1000;
    callbacks.onPhase?.({ phase: 'features', seconds: featureSeconds });
    const t1 = performance.now();
    const targets = k === 2 ? [1] : parsed.labels.map((_, c) => c);
    const positives = targets.map((c) => {
      const positive = new Uint8Array(labels.length);
      for (let r = 0; r < labels.length; r++) positive[r] = labels[r] === c ? 1 : 0;
      return positive;
    });
    let selection: NbSvmTrainingStats['selection'];
    if (callbacks.select) {
      const { validation } = callbacks.select;
      if (validation.texts.length !== validation.labels.length || validation.texts.length === 0)
        throw new NbSvmError('INVALID_DATA', 'Selection needs validation texts with one label each');
      const validationMatrix = featurizer.transform(validation.texts);
      selection = selectSettings(
        matrix,
        positives,
        targets,
        { matrix: validationMatrix, labels: validation.labels },
        parsed,
        callbacks.select,
      );
      parsed = { ...parsed, c: selection.c, beta: selection.beta };
    }
    const chosen = parsed;
    const classifiers: BinaryNbSvm[] = positives.map((positive, i) => {
      const start = performance.now();
      const model = trainBinaryNbSvm(matrix, positive, chosen);
      callbacks.onPhase?.({ phase: 'fit', seconds: (performance.now() - start) / 1000, classifier: i });
      return model;
    });
    const stats: NbSvmTrainingStats = {
      featureSeconds,
      fitSeconds: (performance.now() - t1) / 1000,
      numFeatures: featurizer.numFeatures,
      nonZeros: matrix.indices.length,
      epochs: classifiers.map((c) => c.epochs),
      ...(selection ? { selection } : {}),
    };
    const shares = Array.from(seen, (count) => count / labels.length);
    return new NbSvmModel(parsed, featurizer, classifiers, stats, shares);
  }

  /** Feature columns (vocabulary size or hash buckets). */
  get numFeatures(): number {
    return this.#featurizer.numFeatures;
  }

  /** Each text's class probabilities, row-major (`texts.length × labels.length`). */
  predictProbabilities(texts: readonly string[]): Float32Array {
    const k = this.labels.length;
    const out = new Float32Array(texts.length * k);
    for (let i = 0; i < texts.length; i++)
      this.#probabilitiesInto(texts[i], i, out.subarray(i * k, (i + 1) * k));
    return out;
  }

  /** Labels, scores and probabilities for texts. */
  classify(texts: readonly string[]): NbSvmClassification[] {
    const k = this.labels.length;
    const row = new Float32Array(k);
    return texts.map((text, i) => {
      const tokens = this.#probabilitiesInto(text, i, row);
      let best = 0;
      for (let c = 1; c < k; c++) if ((row[c] as number) > (row[best] as number)) best = c;
      return {
        label: this.labels[best] as string,
        score: row[best] as number,
        probabilities: this.labels.map((label, c) => ({ label, probability: row[c] as number })),
        tokens,
        truncated: false,
      };
    });
  }

  // Writes one text's probabilities into `out`; returns its token count.
  #probabilitiesInto(text: unknown, index: number, out: Float32Array): number {
    const row = this.#featurizer.row(text, index);
    const { indices, values, length } = row;
    const binary = this.options.binary;
    const scores = this.#classifiers.map(({ weights, bias, platt }) => {
      let s = bias;
      if (binary) for (let e = 0; e < length; e++) s += weights[indices[e] as number] as number;
      else
        for (let e = 0; e < length; e++)
          s += (weights[indices[e] as number] as number) * (values[e] as number);
      return plattProbability(platt, s);
    });
    if (scores.length === 1) {
      out[1] = scores[0] as number;
      out[0] = 1 - (scores[0] as number);
    } else {
      let sum = 0;
      for (const p of scores) sum += p;
      for (let c = 0; c < scores.length; c++)
        out[c] = sum > 0 ? (scores[c] as number) / sum : 1 / scores.length;
    }
    const divisors = this.#divisors;
    if (divisors) {
      let sum = 0;
      for (let c = 0; c < out.length; c++) {
        out[c] = (out[c] as number) / (divisors[c] as number);
        sum += out[c] as number;
      }
      for (let c = 0; c < out.length; c++) out[c] = sum > 0 ? (out[c] as number) / sum : 1 / out.length;
    }
    return row.tokens;
  }

  /** The model as its two files: `nbsvm.json` (options, scalars) and `nbsvm.bin` (keys and weights). */
  toFiles(): { 'nbsvm.json': string; 'nbsvm.bin': Uint8Array } {
    const vocabulary = this.#featurizer.vocabulary;
    const f = this.numFeatures;
    const bytes = binaryBytes(f, this.#classifiers.length, vocabulary !== null);
    const bin = new Uint8Array(bytes);
    const view = new DataView(bin.buffer);
    let at = 0;
    const u32 = (a: Uint32Array): void => {
      for (let i = 0; i < a.length; i++, at += 4) view.setUint32(at, a[i] as number, true);
    };
    const f32 = (a: Float32Array): void => {
      for (let i = 0; i < a.length; i++, at += 4) view.setFloat32(at, a[i] as number, true);
    };
    if (vocabulary) {
      u32(vocabulary.keysA);
      u32(vocabulary.keysB);
    }
    for (const c of this.#classifiers) f32(c.weights);
    const json: NbSvmFile = {
      format: NBSVM_FORMAT,
      version: NBSVM_FORMAT_VERSION,
      options: this.options,
      numFeatures: f,
      classifiers: this.#classifiers.map(({ bias, platt }) => ({ bias, platt: { a: platt.a, b: platt.b } })),
      binaryBytes: bytes,
      ...(this.classShares ? { classShares: [...this.classShares] } : {}),
    };
    return { 'nbsvm.json': `${JSON.stringify(json, null, 2)}\n`, 'nbsvm.bin': bin };
  }

  /**
   * A model from its two files' contents.
   * @throws NbSvmError `INVALID_MODEL_FILE` when the JSON does not parse or the binary does not match it
   */
  static fromFiles(json: string, bin: Uint8Array): NbSvmModel {
    let raw: unknown;
    try {
      raw = JSON.parse(json);
    } catch (cause) {
      throw new NbSvmError('INVALID_MODEL_FILE', 'nbsvm.json is not valid JSON; re-save the model', {
        cause,
      });
    }
    const parsed = NbSvmFile.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new NbSvmError(
        'INVALID_MODEL_FILE',
        `nbsvm.json is not an NB-SVM model file (${issue?.path.join('.') || 'root'}: ${issue?.message}); re-save the model`,
        { cause: parsed.error },
      );
    }
    const file = parsed.data;
    const shares = file.classShares ?? null;
    const k = file.options.labels.length;
    if (shares && shares.length !== k)
      throw new NbSvmError(
        'INVALID_MODEL_FILE',
        `nbsvm.json has ${shares.length} class shares for ${k} labels; re-save the model`,
      );
    if (!shares && file.options.classWeights === 'balanced')
      throw new NbSvmError(
        'INVALID_MODEL_FILE',
        'nbsvm.json asks for classWeights "balanced" but has no classShares; re-save the model',
      );
    const vocabularyMode = file.options.hashingBits === null;
    const expected = file.numFeatures * 4 * ((vocabularyMode ? 2 : 0) + file.classifiers.length);
    const wantClassifiers = file.options.labels.length === 2 ? 1 : file.options.labels.length;
    if (
      file.classifiers.length !== wantClassifiers ||
      expected !== file.binaryBytes ||
      bin.byteLength !== expected
    )
      throw new NbSvmError(
        'INVALID_MODEL_FILE',
        `nbsvm.bin has ${bin.byteLength} bytes where nbsvm.json describes ${expected}; the two files do not belong together`,
      );
    const view = new DataView(bin.buffer, bin.byteOffset, bin.byteLength);
    const f = file.numFeatures;
    let at = 0;
    const u32 = (): Uint32Array => {
      const a = new Uint32Array(f);
      for (let i = 0; i < f; i++, at += 4) a[i] = view.getUint32(at, true);
      return a;
    };
    const keys = vocabularyMode ? { keysA: u32(), keysB: u32() } : null;
    const featurizer = NgramFeaturizer.fromVocabulary(featureOptionsOf(file.options), keys);
    const classifiers = file.classifiers.map(({ bias, platt }) => {
      const weights = new Float32Array(f);
      for (let i = 0; i < f; i++, at += 4) weights[i] = view.getFloat32(at, true);
      return { weights, bias, platt };
    });
    return new NbSvmModel(file.options, featurizer, classifiers, null, shares);
  }

  /** Writes `nbsvm.json` and `nbsvm.bin` into `dir` (created if needed), each by write-then-rename. */
  async save(dir: string): Promise<void> {
    await mkdir(dir, { recursive: true });
    const files = this.toFiles();
    for (const name of NBSVM_FILES) {
      const tmp = join(dir, `.${name}.tmp-${process.pid}`);
      await writeFile(tmp, files[name]);
      await rename(tmp, join(dir, name));
    }
  }

  /** Loads a model saved by {@link NbSvmModel.save} (or written by `toFiles`). */
  static async load(dir: string): Promise<NbSvmModel> {
    let json: string;
    let bin: Uint8Array;
    try {
      json = await readFile(join(dir, 'nbsvm.json'), 'utf8');
      bin = await readFile(join(dir, 'nbsvm.bin'));
    } catch (cause) {
      throw new NbSvmError('INVALID_MODEL_FILE', `Cannot read an NB-SVM model in ${dir}: ${String(cause)}`, {
        cause,
      });
    }
    return NbSvmModel.fromFiles(json, bin);
  }
}
