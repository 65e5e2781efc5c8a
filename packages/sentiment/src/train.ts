import { dropoutClock } from '@sentikit/bilstm';
import * as tf from '@tensorflow/tfjs-core';
import { bucketedBatches } from './batches.ts';
import { type Checkpoint, readCheckpoint, writeCheckpoint } from './checkpoint.ts';
import { checkSameRun, describeRun } from './checkpoint-run.ts';
import { type TrainingConfig, type TrainingConfigInput, trainingConfigSchema } from './config.ts';
import { checkDataset, type Dataset } from './dataset.ts';
import { encodeForModel, tokenCounts } from './encode.ts';
import { SentimentError } from './errors.ts';
import { type AveragedPrf, type EvaluationMetrics, evaluateModel } from './evaluate.ts';
import { learningRateAt } from './schedule.ts';
import type { SentimentModel } from './sentiment-model.ts';

/** Reported after every batch. */
export interface BatchEvent {
  epoch: number;
  /** Epochs planned (early stopping may end the run sooner). */
  epochs: number;
  /** Batches done in this epoch, and the epoch's total. */
  done: number;
  total: number;
  /** This batch's training loss. */
  loss: number;
  /** Tokens (batch × padded length) per second over this epoch so far. */
  tokensPerSec: number;
  learningRate: number;
}

/** An epoch's validation metrics: the headline numbers and the macro averages. */
export type EpochValidation = Pick<EvaluationMetrics, 'loss' | 'accuracy' | 'precision' | 'recall' | 'f1'> & {
  /** Macro-averaged scores (absent in checkpoints written before they were recorded). */
  macro?: AveragedPrf;
};

/** One epoch's record. */
export interface EpochRecord {
  epoch: number;
  /** Mean training loss over the epoch's batches. */
  trainLoss: number;
  /** Validation metrics, when a validation set was given. */
  val: EpochValidation | null;
  seconds: number;
  tokensPerSec: number;
}

/** Training callbacks; the package never prints, the caller decides what to show. */
export interface TrainCallbacks {
  onBatchEnd?(event: BatchEvent): void;
  onEpochEnd?(record: EpochRecord, details: { best: boolean; val: EvaluationMetrics | null }): void;
}

/** Options of {@link train}: the zod-validated hyper-parameters plus data and control. */
export type TrainRunOptions = TrainingConfigInput & {
  /** Scored after every epoch; drives early stopping and the choice of the weights kept. */
  valSet?: Dataset;
  /** Stops cleanly after the current batch (a checkpoint of the last full epoch stays). */
  signal?: AbortSignal;
  callbacks?: TrainCallbacks;
  /** Directory for a checkpoint after each epoch. */
  checkpointDir?: string;
  /**
   * Continue from the checkpoint in `checkpointDir`, if there is one. A checkpoint of another run (other data,
   * options, seed or model settings) is refused with a `CHECKPOINT_MISMATCH` SentimentError.
   */
  resume?: boolean;
};

/** What a run did. */
export interface TrainResult {
  history: EpochRecord[];
  /** The epoch whose weights the model now holds (the best on validation, else the last). */
  bestEpoch: number;
  stoppedEarly: boolean;
  aborted: boolean;
  seconds: number;
  options: TrainingConfig;
}

type Metric = 'loss' | 'accuracy' | 'f1' | 'macro-f1';
/** Adam's running β₁ᵗ and β₂ᵗ, checkpointed next to its moments. */
const ADAM_POWERS = ['accBeta1', 'accBeta2'];
const better = (metric: Metric, a: number, b: number): boolean => (metric === 'loss' ? a < b : a > b);

function clipByGlobalNorm(grads: tf.NamedTensorMap, clipNorm: number): tf.NamedTensorMap {
  if (clipNorm <= 0) return grads;
  const norm = Math.sqrt(
    Object.values(grads).reduce(
      (sum, g) => sum + (tf.tidy(() => tf.sum(tf.square(g)).dataSync()[0]) as number),
      0,
    ),
  );
  if (!(norm > clipNorm)) return grads;
  const scale = clipNorm / norm;
  const out: tf.NamedTensorMap = {};
  for (const [name, g] of Object.entries(grads)) out[name] = tf.mul(g, scale);
  return out;
}

/** Per-class loss weights: as given, or `balanced` from the training labels (n / (k · count)). */
export function resolveClassWeights(
  spec: TrainingConfig['classWeights'],
  labels: ArrayLike<number>,
  classes: number,
): number[] | null {
  if (spec === undefined) return null;
  if (spec !== 'balanced') {
    if (spec.length !== classes) {
      throw new SentimentError(
        'INVALID_CONFIG',
        `classWeights has ${spec.length} weights but the model has ${classes} classes; give one per class`,
      );
    }
    return [...spec];
  }
  const counts = new Array<number>(classes).fill(0);
  for (let i = 0; i < labels.length; i++)
    counts[labels[i] as number] = (counts[labels[i] as number] as number) + 1;
  return counts.map((c) => (c === 0 ? 1 : labels.length / (classes * c)));
}

/**
 * Trains a model: length-bucketed, seeded batches; Adam with an optional warm-up and decay; gradient clipping;
 * validation metrics after every epoch; early stopping; the best epoch's weights restored at the end; a
 * checkpoint after every epoch that `resume` continues from with the same result as an uninterrupted run.
 * Same seed, data and backend give the same final weights.
 */
export async function train(
  model: SentimentModel,
  trainSet: Dataset,
  options: TrainRunOptions = {},
): Promise<TrainResult> {
  const { valSet, signal, callbacks, checkpointDir, resume, ...hyper } = options;
  const parsed = trainingConfigSchema.safeParse(hyper);
  if (!parsed.success) {
    throw new SentimentError(
      'INVALID_CONFIG',
      `invalid training options: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    );
  }
  const opts = parsed.data;
  const classes = model.config.labels.length;
  checkDataset(trainSet, classes, 'training set');
  if (valSet) checkDataset(valSet, classes, 'validation set');
  const started = performance.now();
  const lengths = tokenCounts(model.tokenizer, trainSet.texts);
  const stepsPerEpoch = Math.ceil(trainSet.texts.length / opts.batchSize);
  const totalSteps = stepsPerEpoch * opts.epochs;
  const optimizer = tf.train.adam(opts.learningRate);
  const variables = model.network.trainableWeights.map((w) => w.read() as tf.Variable);
  const decayed = new Set(
    model.network.trainableWeights
      .filter((w) => !w.name.startsWith('embedding'))
      .map((w) => (w.read() as tf.Variable).name),
  );
  const metric: Metric = opts.earlyStopping?.metric ?? 'f1';
  const classWeights = resolveClassWeights(opts.classWeights, trainSet.labels, classes);

  let state: Checkpoint['state'] = {
    epochsDone: 0,
    step: 0,
    history: [],
    bestEpoch: 0,
    bestValue: null,
    badEpochs: 0,
    partial: null,
  };
  let bestWeights: Float32Array[] | null = null;
  const run = checkpointDir ? describeRun(trainSet, valSet, opts, { ...model.config }) : undefined;
  if (resume && checkpointDir && run) {
    const ckpt = await readCheckpoint(checkpointDir);
    if (ckpt) {
      checkSameRun(checkpointDir, ckpt.run, run);
      tf.tidy(() =>
        model.network.setWeights(
          ckpt.weights.map((w, i) => tf.tensor(w, model.network.getWeights()[i]?.shape)),
        ),
      );
      const moments = ckpt.optimizer.filter((o) => !ADAM_POWERS.includes(o.name));
      await optimizer.setWeights(
        moments.map((o) => ({ name: o.name, tensor: tf.tensor(o.values, o.shape) })),
      );
      // Adam recomputes β^t with pow() on restore; the running product it keeps while training rounds
      // differently, so the exact values are restored for a bit-identical continuation.
      const adam = optimizer as unknown as Record<string, tf.Variable>;
      for (const o of ckpt.optimizer)
        if (ADAM_POWERS.includes(o.name)) adam[o.name]?.assign(tf.scalar(o.values[0] as number));
      state = ckpt.state;
      bestWeights = ckpt.best;
    }
  }

  const saveCheckpoint = async (): Promise<void> => {
    const named = await optimizer.getWeights();
    // Float32Array.from: the iteration count is an int32 tensor (exact as a float below 2^24).
    const moments = named.map((o) => ({
      name: o.name,
      shape: o.tensor.shape,
      values: Float32Array.from(o.tensor.dataSync()),
    }));
    // getWeights() makes a fresh tensor for the iteration count; the moments are the optimizer's own variables.
    for (const o of named) if (!(o.tensor instanceof tf.Variable)) o.tensor.dispose();
    await writeCheckpoint(checkpointDir as string, {
      ...(run ? { run } : {}),
      state,
      weights: model.network.getWeights().map((w) => w.dataSync() as Float32Array),
      optimizer: [
        ...moments,
        ...ADAM_POWERS.map((name) => {
          const v = (optimizer as unknown as Record<string, tf.Variable>)[name] as tf.Variable;
          return { name, shape: [], values: v.dataSync() as Float32Array };
        }),
      ],
      best: bestWeights,
    });
  };
  let aborted = false;
  let stoppedEarly = false;
  try {
    for (let epoch = state.epochsDone + 1; epoch <= opts.epochs && !aborted && !stoppedEarly; epoch++) {
      const epochStart = performance.now();
      const batches = bucketedBatches(lengths, { ...opts, epoch });
      // A checkpoint written at an interruption resumes inside its epoch.
      const partial = state.partial;
      state.partial = null;
      let lossSum = partial?.lossSum ?? 0;
      let tokens = partial?.tokens ?? 0;
      const skip = partial?.batches ?? 0;
      for (const [b, idx] of batches.entries()) {
        if (b < skip) continue;
        if (signal?.aborted) {
          aborted = true;
          state.partial = { batches: b, lossSum, tokens };
          break;
        }
        dropoutClock.step = state.step;
        const lr = learningRateAt(state.step, totalSteps, opts);
        (optimizer as unknown as { learningRate: number }).learningRate = lr;
        const enc = encodeForModel(
          model.tokenizer,
          model.config,
          idx.map((i) => trainSet.texts[i] as string),
        );
        const y = Int32Array.from(idx, (i) => trainSet.labels[i] as number);
        const sampleWeights = classWeights ? Float32Array.from(y, (c) => classWeights[c] as number) : null;
        const loss = tf.tidy(() => {
          const ids = tf.tensor2d(enc.ids, [enc.batchSize, enc.sequenceLength], 'int32');
          const oneHot = tf.oneHot(tf.tensor1d(y, 'int32'), classes);
          const { value, grads } = tf.variableGrads(() => {
            const logits = model.network.apply(ids, { training: true }) as tf.Tensor2D;
            // Weighted mean over the batch: sum(w_i · loss_i) / batch (SUM_BY_NONZERO_WEIGHTS, all w_i > 0).
            let l = (
              sampleWeights
                ? tf.losses.softmaxCrossEntropy(oneHot, logits, tf.tensor1d(sampleWeights))
                : tf.losses.softmaxCrossEntropy(oneHot, logits)
            ) as tf.Scalar;
            if (opts.weightDecay > 0) {
              const l2 = variables.filter((v) => decayed.has(v.name)).map((v) => tf.sum(tf.square(v)));
              l = tf.add(l, tf.mul(opts.weightDecay / 2, tf.addN(l2))) as tf.Scalar;
            }
            return l;
          }, variables);
          optimizer.applyGradients(
            clipByGlobalNorm(grads, opts.clipNorm) as Parameters<typeof optimizer.applyGradients>[0],
          );
          return value.dataSync()[0] as number;
        });
        state.step++;
        lossSum += loss;
        tokens += enc.batchSize * enc.sequenceLength;
        const elapsed = (performance.now() - epochStart) / 1000;
        callbacks?.onBatchEnd?.({
          epoch,
          epochs: opts.epochs,
          done: b + 1,
          total: batches.length,
          loss,
          tokensPerSec: tokens / elapsed,
          learningRate: lr,
        });
        await new Promise((r) => setImmediate(r)); // lets an abort signal or a progress redraw through
      }
      if (aborted) {
        if (checkpointDir) await saveCheckpoint();
        break;
      }
      const seconds = (performance.now() - epochStart) / 1000;
      const val = valSet ? evaluateModel(model, valSet) : null;
      const record: EpochRecord = {
        epoch,
        trainLoss: lossSum / batches.length,
        val: val
          ? {
              loss: val.loss,
              accuracy: val.accuracy,
              precision: val.precision,
              recall: val.recall,
              f1: val.f1,
              macro: val.macro,
            }
          : null,
        seconds,
        tokensPerSec: tokens / seconds,
      };
      state.history.push(record);
      const value = val ? (metric === 'macro-f1' ? val.macro.f1 : val[metric]) : -epoch;
      const isBest = state.bestValue === null || better(metric, value, state.bestValue);
      if (isBest) {
        state.bestValue = value;
        state.bestEpoch = epoch;
        state.badEpochs = 0;
        bestWeights = model.network.getWeights().map((w) => w.dataSync().slice() as Float32Array);
      } else {
        state.badEpochs++;
      }
      state.epochsDone = epoch;
      callbacks?.onEpochEnd?.(record, { best: isBest, val });
      if (opts.earlyStopping && state.badEpochs >= opts.earlyStopping.patience) stoppedEarly = true;
      if (checkpointDir) await saveCheckpoint();
    }
    if (bestWeights && valSet) {
      const shapes = model.network.getWeights().map((w) => w.shape);
      const best = bestWeights;
      // setWeights copies into the variables; tidy frees the temporary tensors.
      tf.tidy(() => model.network.setWeights(best.map((w, i) => tf.tensor(w, shapes[i]))));
    }
  } finally {
    optimizer.dispose();
  }
  return {
    history: state.history,
    bestEpoch: valSet ? state.bestEpoch : state.epochsDone,
    stoppedEarly,
    aborted,
    seconds: (performance.now() - started) / 1000,
    options: opts,
  };
}
