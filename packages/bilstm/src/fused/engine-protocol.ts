import type { BackwardIo, ForwardIo } from './lstm-direction.ts';

/** Slots of the Int32Array control block shared by the main thread and the direction worker. */
export const CTRL = {
  /** Incremented by the main thread for each request. */
  request: 0,
  /** Set by the worker to the request number it finished. */
  done: 1,
  /** 0 when the last request succeeded, 1 when it failed (the message follows on the port). */
  status: 2,
  /** Set to 1 by the worker when it stops for any reason it can see (an error, `process.exit`). */
  stopped: 3,
} as const;

/** Weights of one direction in Keras layout, in shared memory. */
export interface SharedWeights {
  kernel: Float32Array;
  recurrent: Float32Array;
  bias: Float32Array;
}

/** A forward request for the worker's direction: its inputs and outputs, plus which layer and how. */
export interface ForwardMessage extends ForwardIo {
  op: 'forward';
  layer: number;
  inputSize: number;
  hidden: number;
  batch: number;
  steps: number;
  reverse: boolean;
  train: boolean;
  token: number;
  weights: SharedWeights;
}

/** A backward request for the worker's direction. */
export interface BackwardMessage extends BackwardIo {
  op: 'backward';
  layer: number;
  token: number;
}

/** Frees a layer's buffers in the worker. */
export interface ReleaseMessage {
  op: 'release';
  layer: number;
}

/** A fault injected by tests: the worker exits (as a crashed thread would) or stops answering. */
export interface FaultMessage {
  op: 'fault';
  kind: 'exit' | 'hang';
}

/** Every message the worker understands. */
export type EngineMessage = ForwardMessage | BackwardMessage | ReleaseMessage | FaultMessage | { op: 'exit' };
