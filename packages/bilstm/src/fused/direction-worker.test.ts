import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { rand, tf } from '../../test/tf.ts';
import { BiLstmError } from '../errors.ts';
import { BiLstmEngine } from './bilstm-engine.ts';
import { type BiLstmWeights, fusedBiLstm } from './fused-bilstm.ts';

function weights(inputSize: number, hidden: number): BiLstmWeights {
  const g = 4 * hidden;
  const dir = (s: number) => ({
    kernel: tf.variable(tf.tensor2d(rand(inputSize * g, s), [inputSize, g])) as tf.Variable<tf.Rank.R2>,
    recurrent: tf.variable(tf.tensor2d(rand(hidden * g, s + 1), [hidden, g])) as tf.Variable<tf.Rank.R2>,
    bias: tf.variable(tf.tensor1d(rand(g, s + 2, 0.3))) as tf.Variable<tf.Rank.R1>,
  });
  return { forward: dir(1), backward: dir(11) };
}

const stoppedError = (fn: () => unknown): BiLstmError => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(BiLstmError);
    expect((error as BiLstmError).code).toBe('WORKER_STOPPED');
    return error as BiLstmError;
  }
  throw new Error('expected WORKER_STOPPED');
};

describe('a fused BiLSTM engine whose direction worker fails', () => {
  let engine: BiLstmEngine | undefined;
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
  afterEach(() => {
    engine?.dispose();
    engine = undefined;
  });
  const w = () => weights(3, 4);
  const x = () => tf.tensor3d(rand(2 * 5 * 3, 5), [2, 5, 3]);

  test('a worker thread that exits fails the call it held and every later call at once', () => {
    engine = new BiLstmEngine(2);
    const e = engine;
    const ws = w();
    const xs = x();
    fusedBiLstm(xs, ws, { engine: e }).dispose();
    const before = tf.memory().numTensors;
    e.injectFault('exit');
    const error = stoppedError(() => fusedBiLstm(xs, ws, { engine: e }));
    expect(error.message).toMatch(/direction worker thread stopped/);
    expect(tf.memory().numTensors).toBe(before);
    // Later calls: the same error, without posting to a dead thread.
    expect(stoppedError(() => fusedBiLstm(xs, ws, { engine: e }))).toBe(error);
    expect(e.stopped).toBe(error);
  });

  test('a worker that stops answering fails the call when its deadline passes (timeoutMs)', () => {
    engine = new BiLstmEngine(2, { timeoutMs: 300 });
    const e = engine;
    const ws = w();
    const xs = x();
    fusedBiLstm(xs, ws, { engine: e }).dispose();
    e.injectFault('hang');
    const error = stoppedError(() => fusedBiLstm(xs, ws, { engine: e }));
    expect(error.message).toMatch(/did not answer within 300 ms/);
    stoppedError(() => fusedBiLstm(xs, ws, { engine: e }));
  });

  test('training fails with WORKER_STOPPED instead of hanging', () => {
    engine = new BiLstmEngine(2, { timeoutMs: 300 });
    const e = engine;
    const ws = w();
    const xs = x();
    const optimizer = tf.train.sgd(0.1);
    const step = () =>
      optimizer.minimize(() => fusedBiLstm(xs, ws, { engine: e }).square().mean() as tf.Scalar);
    step();
    e.injectFault('hang');
    stoppedError(step);
    optimizer.dispose();
  });

  test('a bad timeoutMs is refused', () => {
    expect(() => new BiLstmEngine(2, { timeoutMs: 0 })).toThrow(/timeoutMs must be a positive number/);
  });

  test('dispose of a healthy engine is not reported as a failure', () => {
    engine = new BiLstmEngine(2);
    fusedBiLstm(x(), w(), { engine }).dispose();
    engine.dispose();
    expect(engine.stopped).toBeNull();
    engine = undefined;
  });
});
