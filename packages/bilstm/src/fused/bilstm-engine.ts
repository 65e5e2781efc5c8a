import { availableParallelism } from 'node:os';
import { BiLstmError } from '../errors.ts';
import { DEFAULT_WORKER_TIMEOUT_MS, DirectionWorker } from './direction-worker.ts';
import type { BackwardMessage, ForwardMessage } from './engine-protocol.ts';
import { LstmDirection } from './lstm-direction.ts';
import { type PoolMode, pooledWidth } from './sequence-pool.ts';
import { SharedArena } from './shared-arena.ts';
import { XnnModule } from './xnn-module.ts';

/** One direction's weights or gradients, Keras layout: kernel `[E, 4H]`, recurrent `[H, 4H]`, bias `[4H]`. */
export interface DirectionTensors {
  kernel: Float32Array;
  recurrent: Float32Array;
  bias: Float32Array;
}

/** The shape of one fused BiLSTM call. */
export interface BiLstmShape {
  batch: number;
  steps: number;
  inputSize: number;
  hidden: number;
}

/** What `backward` returns: the input gradient (both directions summed) and each direction's weight gradients. */
export interface BiLstmGradients {
  dInput: Float32Array;
  forward: DirectionTensors;
  backward: DirectionTensors;
}

/** Options of a {@link BiLstmEngine}. */
export interface BiLstmEngineOptions {
  /**
   * Longest one call may wait for the direction worker, in milliseconds. A worker that misses it (or dies) stops
   * the engine: that call and every later one throw `BiLstmError` `WORKER_STOPPED` instead of hanging.
   * @default 120000
   */
  timeoutMs?: number;
}

let mainXnn: XnnModule | null = null;

/**
 * Runs fused BiLSTM layers: the forward direction on the calling thread and, with two threads, the backward
 * direction on a worker at the same time. Synchronous, so it can sit inside a tfjs kernel. One engine serves
 * any number of layers, each known by a number; a layer's activations from its last training forward pass are
 * kept for its backward pass.
 */
export class BiLstmEngine {
  /** Threads computing: 1 (both directions here) or 2 (the backward direction on a worker). */
  readonly threads: 1 | 2;
  /**
   * Which build of the engine's kernels runs: `relaxed-simd` (fused multiply-add in the matrix multiply, about 1.4×
   * the plain build's speed) or `simd` (where the runtime lacks relaxed SIMD, or `SENTIKIT_RELAXED_SIMD=0`).
   */
  readonly kernels: 'relaxed-simd' | 'simd';
  private readonly xnn: XnnModule;
  private readonly worker: DirectionWorker | null;
  private readonly arena = new SharedArena();
  private readonly local = new Map<number, { fwd: LstmDirection; bwd: LstmDirection | null }>();
  private readonly trained = new Map<number, { token: number; shape: BiLstmShape; pool: PoolMode | null }>();

  /**
   * @param threads 1 or 2; default: 2 when the machine has two or more cores
   * @param options the worker's deadline
   */
  constructor(threads?: number, options: BiLstmEngineOptions = {}) {
    const want = threads ?? (availableParallelism() >= 2 ? 2 : 1);
    if (want !== 1 && want !== 2)
      throw new BiLstmError('INVALID_ARGUMENT', `threads must be 1 or 2, got ${want}`);
    mainXnn ??= XnnModule.create();
    this.xnn = mainXnn;
    this.kernels = mainXnn.fma ? 'relaxed-simd' : 'simd';
    this.threads = want;
    this.worker = want === 2 ? new DirectionWorker(options.timeoutMs ?? DEFAULT_WORKER_TIMEOUT_MS) : null;
  }

  /** The `WORKER_STOPPED` error every call throws once the direction worker died or missed a deadline; else null. */
  get stopped(): BiLstmError | null {
    return this.worker?.stopped ?? null;
  }

  /**
   * For fault-injection tests only: the next call that uses the direction worker makes it exit like a crashed
   * thread (`exit`) or stop answering (`hang`). No effect with one thread.
   */
  injectFault(kind: 'exit' | 'hang'): void {
    this.worker?.injectFault(kind);
  }

  private directions(layer: number, shape: BiLstmShape): { fwd: LstmDirection; bwd: LstmDirection | null } {
    let d = this.local.get(layer);
    if (!d || d.fwd.inputSize !== shape.inputSize || d.fwd.hidden !== shape.hidden) {
      d?.fwd.dispose();
      d?.bwd?.dispose();
      const make = (): LstmDirection => new LstmDirection(this.xnn, shape.inputSize, shape.hidden);
      d = { fwd: make(), bwd: this.worker ? null : make() };
      this.local.set(layer, d);
    }
    return d;
  }

  /** Whether `layer`'s activations of the training pass `token` are still kept. */
  hasActivations(layer: number, token: number): boolean {
    return this.trained.get(layer)?.token === token;
  }

  /**
   * Both directions over a batch. Returns `[batch, steps, 2·hidden]` (forward units first), or with `pool`
   * the pooled `[batch, 2·hidden]` (`4·hidden` for `max-mean`), in a buffer the engine reuses: copy it
   * before the next call.
   */
  forward(
    layer: number,
    shape: BiLstmShape,
    input: Float32Array,
    lengths: Int32Array,
    weights: readonly [DirectionTensors, DirectionTensors],
    train: boolean,
    token: number,
    pool: PoolMode | null = null,
  ): Float32Array {
    const { batch, steps, inputSize, hidden } = shape;
    const arena = this.arena;
    const sharedInput = arena.f32('input', batch * steps * inputSize);
    sharedInput.set(input);
    const sharedLengths = arena.i32('lengths', batch);
    sharedLengths.set(lengths);
    const poolStride = pool ? pooledWidth(pool, hidden) : 0;
    const result = pool
      ? arena.f32('pooled', batch * poolStride)
      : arena.f32('output', batch * steps * 2 * hidden);
    const dirs = this.directions(layer, shape);
    const io = {
      input: sharedInput,
      lengths: sharedLengths,
      outStride: 2 * hidden,
      ...(pool ? {} : { output: result }),
    };
    const poolIo = (dir: number) =>
      pool ? { pool: { mode: pool, out: result, stride: poolStride, dir } } : {};
    this.trained.delete(layer);
    if (this.worker) {
      const [, bw] = weights;
      const msg: ForwardMessage = {
        op: 'forward',
        layer,
        inputSize,
        hidden,
        batch,
        steps,
        reverse: true,
        train,
        token,
        ...io,
        outOffset: hidden,
        ...poolIo(1),
        weights: {
          kernel: copyTo(arena.f32('w1k', bw.kernel.length), bw.kernel),
          recurrent: copyTo(arena.f32('w1r', bw.recurrent.length), bw.recurrent),
          bias: copyTo(arena.f32('w1b', bw.bias.length), bw.bias),
        },
      };
      this.worker.post(msg);
    } else {
      const bwd = dirs.bwd as LstmDirection;
      bwd.setWeights(weights[1].kernel, weights[1].recurrent, weights[1].bias);
      bwd.forward({ ...io, outOffset: hidden, ...poolIo(1) }, batch, steps, true, train, token);
    }
    dirs.fwd.setWeights(weights[0].kernel, weights[0].recurrent, weights[0].bias);
    try {
      dirs.fwd.forward({ ...io, outOffset: 0, ...poolIo(0) }, batch, steps, false, train, token);
    } finally {
      this.worker?.wait();
    }
    if (train) this.trained.set(layer, { token, shape: { ...shape }, pool });
    return result;
  }

  /**
   * Backpropagates the gradient of the forward pass's result (`[batch, steps, 2·hidden]`, or the pooled
   * `[batch, width]`) through `layer`'s training pass `token`. The returned arrays are the engine's: copy them
   * before the next call.
   */
  backward(layer: number, token: number, dResult: Float32Array): BiLstmGradients {
    const kept = this.trained.get(layer);
    if (!kept || kept.token !== token) {
      throw new BiLstmError(
        'ENGINE_FAILED',
        `layer ${layer} no longer holds the activations of pass ${token}`,
      );
    }
    const { batch, steps, inputSize, hidden } = kept.shape;
    const arena = this.arena;
    const g = 4 * hidden;
    const shared = arena.f32('dResult', dResult.length);
    shared.set(dResult);
    const grads = (name: string): DirectionTensors => ({
      kernel: arena.f32(`${name}k`, inputSize * g),
      recurrent: arena.f32(`${name}r`, hidden * g),
      bias: arena.f32(`${name}b`, g),
    });
    const g0 = grads('g0');
    const g1 = grads('g1');
    const dIn0 = arena.f32('dIn0', batch * steps * inputSize);
    const dIn1 = arena.f32('dIn1', batch * steps * inputSize);
    const dirs = this.local.get(layer) as { fwd: LstmDirection; bwd: LstmDirection | null };
    const common = { ...(kept.pool ? { dPool: shared } : { dOutput: shared }), outStride: 2 * hidden };
    const io1 = {
      ...common,
      outOffset: hidden,
      dInput: dIn1,
      dKernel: g1.kernel,
      dRecurrent: g1.recurrent,
      dBias: g1.bias,
    };
    if (this.worker) this.worker.post({ op: 'backward', layer, token, ...io1 } satisfies BackwardMessage);
    else (dirs.bwd as LstmDirection).backward(io1, token);
    try {
      dirs.fwd.backward(
        {
          ...common,
          outOffset: 0,
          dInput: dIn0,
          dKernel: g0.kernel,
          dRecurrent: g0.recurrent,
          dBias: g0.bias,
        },
        token,
      );
    } finally {
      this.worker?.wait();
    }
    for (let i = 0; i < dIn0.length; i++) dIn0[i] = (dIn0[i] as number) + (dIn1[i] as number);
    return { dInput: dIn0, forward: g0, backward: g1 };
  }

  /** Forgets a layer (its buffers here and in the worker). */
  release(layer: number): void {
    const dirs = this.local.get(layer);
    dirs?.fwd.dispose();
    dirs?.bwd?.dispose();
    this.local.delete(layer);
    this.trained.delete(layer);
    if (this.worker) {
      this.worker.post({ op: 'release', layer });
      this.worker.wait();
    }
  }

  /** Stops the worker. The engine must not be used afterwards. */
  dispose(): void {
    this.worker?.terminate();
    for (const d of this.local.values()) {
      d.fwd.dispose();
      d.bwd?.dispose();
    }
    this.local.clear();
    this.trained.clear();
  }
}

function copyTo(target: Float32Array, source: Float32Array): Float32Array {
  target.set(source);
  return target;
}
