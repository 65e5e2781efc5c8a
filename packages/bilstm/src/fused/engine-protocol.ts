/** Slots of the Int32Array control block shared by the main thread and the direction worker. */
export const CTRL = {
  /** Incremented by the main thread for each request. */
  request: 0,
  /** Set by the worker to the request number it finished. */
  done: 1,
  /** 0 when the last request succeeded, 1 when it failed (the message follows on the port). */
  status: 2,
} as const;

import type { PoolMode } from './sequence-pool.ts';

/** Weights of one direction in Keras layout, in shared memory. */
export interface SharedWeights {
  kernel: Float32Array;
  recurrent: Float32Array;
  bias: Float32Array;
}

/** A forward request for the worker's direction. */
export interface ForwardMessage {
  op: 'forward';
  layer: number;
  inputSize: number;
  hidden: number;
  batch: number;
  steps: number;
  reverse: boolean;
  train: boolean;
  token: number;
  input: Float32Array;
  lengths: Int32Array;
  output?: Float32Array;
  outStride: number;
  outOffset: number;
  pool?: { mode: PoolMode; out: Float32Array; stride: number; dir: number };
  weights: SharedWeights;
}

/** A backward request for the worker's direction. */
export interface BackwardMessage {
  op: 'backward';
  layer: number;
  token: number;
  dOutput?: Float32Array;
  dPool?: Float32Array;
  outStride: number;
  outOffset: number;
  dInput: Float32Array;
  dKernel: Float32Array;
  dRecurrent: Float32Array;
  dBias: Float32Array;
}

/** Frees a layer's buffers in the worker. */
export interface ReleaseMessage {
  op: 'release';
  layer: number;
}

/** Every message the worker understands. */
export type EngineMessage = ForwardMessage | BackwardMessage | ReleaseMessage | { op: 'exit' };
