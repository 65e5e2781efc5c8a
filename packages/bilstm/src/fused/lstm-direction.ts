import { BiLstmError } from '../errors.ts';
import { type PoolMode, poolBackward, poolForward } from './sequence-pool.ts';
import { type HeapBuffer, packedLength, type XnnModule } from './xnn-module.ts';

/** Where a direction reads its input and writes its outputs: plain or shared Float32Arrays, batch-major. */
export interface ForwardIo {
  /** Input `[batch, steps, inputSize]`. */
  input: Float32Array;
  /** Real length of each sequence, `[batch]`; positions at or after it are padding. */
  lengths: Int32Array;
  /** Sequence output `[batch, steps, outStride]`; this direction writes columns `outOffset .. outOffset + hidden`. */
  output?: Float32Array;
  outStride: number;
  outOffset: number;
  /** Pooled output `[batch, poolStride]` instead of (or besides) the sequence; see `poolForward`. */
  pool?: { mode: PoolMode; out: Float32Array; stride: number; dir: number };
}

/** Gradients flowing in (same layout as the forward outputs) and out. */
export interface BackwardIo {
  /** dLoss/dOutput `[batch, steps, outStride]`; this direction's columns start at `outOffset`. */
  dOutput?: Float32Array;
  outStride: number;
  outOffset: number;
  /** dLoss/dPooled `[batch, poolStride]`, when the forward pass pooled. */
  dPool?: Float32Array;
  /** Written: dLoss/dInput `[batch, steps, inputSize]` of this direction alone. */
  dInput: Float32Array;
  /** Written: dLoss/dKernel `[inputSize, 4·hidden]`. */
  dKernel: Float32Array;
  /** Written: dLoss/dRecurrentKernel `[hidden, 4·hidden]`. */
  dRecurrent: Float32Array;
  /** Written: dLoss/dBias `[4·hidden]`. */
  dBias: Float32Array;
}

interface Buffers {
  /** [(T+1)·B, K]: row (t, b) = [x_t | h_{t−1} | 1], K = E + H + 1. */
  xh: HeapBuffer;
  /** [(T+1)·B, H] cell states; block 0 is the zero initial state. */
  c: HeapBuffer;
  /** [B, 4H] matMul output of the current step. */
  pre: HeapBuffer;
  twoC: HeapBuffer;
  sigC: HeapBuffer;
  /** Backward: [B, H] carried dh and dc; [K, 4H] weight gradient; one time chunk of dz, packed. */
  dh: HeapBuffer;
  dc: HeapBuffer;
  dw: HeapBuffer;
  dgPacked: HeapBuffer;
}

/** What only training needs, allocated on the first training pass (inference never holds them). */
interface TrainBuffers {
  /** [T·B, 4H] gate activations (i, f, tanh c̃, o), kept for backward. */
  s: HeapBuffer;
  /** [T·B, H] tanh(c_t). */
  tc: HeapBuffer;
  /** [T·B, H] upstream gradients (time-major), [T·B, 4H] gate gradients, [T·B, E] input gradients. */
  dout: HeapBuffer;
  dg: HeapBuffer;
  dx: HeapBuffer;
}

/** Registered ids for XNNPACK's sigmoid: the step's gate pre-activations and activations, and the cell's. */
interface StepViews {
  batch: number;
  steps: number;
  train: boolean;
  s: HeapBuffer[];
  pre: HeapBuffer;
  twoC: HeapBuffer;
  sigC: HeapBuffer;
}

/**
 * Slots for a batch, longest sequence first (stable): `perm[slot]` is the batch row, `lengths[slot]` its length
 * (clamped to 0..steps), `active[t]` how many slots are still running at step `t`.
 */
export function sortByLength(
  lengths: Int32Array,
  steps: number,
): { perm: Int32Array; lengths: Int32Array; active: Int32Array } {
  const clamp = (l: number): number => Math.min(Math.max(0, l), steps);
  const perm = Int32Array.from(lengths.keys()).sort(
    (a, b) => clamp(lengths[b] as number) - clamp(lengths[a] as number) || a - b,
  );
  const sorted = Int32Array.from(perm, (b) => clamp(lengths[b] as number));
  const active = new Int32Array(steps);
  let m = sorted.length;
  for (let t = 0; t < steps; t++) {
    while (m > 0 && (sorted[m - 1] as number) <= t) m--;
    active[t] = m;
  }
  return { perm, lengths: sorted, active };
}

/**
 * Rows (batch × steps) per weight-gradient matrix multiply: each chunk of gate gradients is packed (128 rows ×
 * 4H floats, 256 KiB at H = 128) and stays in cache while it is multiplied.
 */
const CHUNK = 128;

/**
 * One direction of one LSTM layer, computed on an XNN module's heap. Per step: one matMul of
 * `[x_t | h_{t−1} | 1]` by the stacked `[W_x; W_h; b]` (input projection, recurrence and bias at once), one
 * vectorised sigmoid over all four gates, and the cell update in SIMD kernels. The backward pass through time
 * runs one matMul per step for dh, and the weight gradients of all steps as a single matMul.
 *
 * Gate order and weight layout are Keras's (`i, f, c, o`; kernel `[in, 4H]`, recurrent `[H, 4H]`), so weights
 * move freely between this and tfjs-layers. tanh(x) is computed as `2·sigmoid(2x) − 1`: the candidate gate's
 * columns of the forward weights are stored doubled, so one sigmoid covers all four gates.
 *
 * Padding: each sequence runs for its own length and outputs past it are zero, so the final state of each
 * direction is its output at the sequence's last real token (forward) or first token (reverse). With `reverse`, each sequence is read from its last real token back to its first.
 */
export class LstmDirection {
  /** Width of the input vectors (E). */
  readonly inputSize: number;
  /** Units (H). */
  readonly hidden: number;
  private readonly xnn: XnnModule;
  /** [K, 4H] stacked forward weights, candidate columns doubled, packed for `gemm`. */
  private readonly w: HeapBuffer;
  /** [4H, H] and [4H, E] exact transposes for the backward pass, packed. */
  private readonly whT: HeapBuffer;
  private readonly wxT: HeapBuffer;
  /** Where weights are laid out before packing: the largest of the three, unpacked. */
  private readonly staging: HeapBuffer;
  private buf: Buffers | null = null;
  private tbuf: TrainBuffers | null = null;
  private rowsCap = 0;
  private trainRowsCap = 0;
  private batchCap = 0;
  private maskPtr = 0;
  private views: StepViews | null = null;
  private saved: {
    batch: number;
    steps: number;
    lengths: Int32Array;
    reverse: boolean;
    token: number;
    /** Row slot → batch row; slots hold the sequences longest first. */
    perm: Int32Array;
    /** Rows still running at each step (a prefix of the slots). */
    active: Int32Array;
    pool: { mode: PoolMode; stride: number; dir: number; argmax: Int32Array } | null;
  } | null = null;
  private weightsReady = false;

  constructor(xnn: XnnModule, inputSize: number, hidden: number) {
    this.xnn = xnn;
    this.inputSize = inputSize;
    this.hidden = hidden;
    const g = 4 * hidden;
    const k = inputSize + hidden + 1;
    this.w = xnn.alloc(packedLength(k, g));
    this.whT = xnn.alloc(packedLength(g, hidden));
    this.wxT = xnn.alloc(packedLength(g, inputSize));
    this.staging = xnn.alloc(Math.max(k * g, g * hidden, g * inputSize));
  }

  /** Width of a row of the stacked input `[x | h | 1]`. */
  private get k(): number {
    return this.inputSize + this.hidden + 1;
  }

  /** The token of the forward pass whose activations are kept for `backward`, or null. */
  get savedToken(): number | null {
    return this.saved?.token ?? null;
  }

  /** Loads weights in Keras layout. Drops saved activations. */
  setWeights(kernel: Float32Array, recurrent: Float32Array, bias: Float32Array): void {
    const h = this.hidden;
    const g = 4 * h;
    const e = this.inputSize;
    if (kernel.length !== e * g || recurrent.length !== h * g || bias.length !== g) {
      throw new BiLstmError(
        'SHAPE_MISMATCH',
        `LSTM weights must be kernel [${e}, ${g}], recurrent [${h}, ${g}] and bias [${g}]; got ${kernel.length}, ${recurrent.length} and ${bias.length} values`,
      );
    }
    const xnn = this.xnn;
    const kern = xnn.kernels;
    const k = this.k;
    const stage = this.staging;
    const g0 = 2 * h;
    const g1 = 3 * h;
    const scale = (j: number, v: number): number => (j >= g0 && j < g1 ? 2 * v : v);
    // Each matrix is laid out row-major in the staging buffer, then packed into its own.
    const w = xnn.f32(stage, 0, k * g);
    for (let r = 0; r < e; r++)
      for (let j = 0; j < g; j++) w[r * g + j] = scale(j, kernel[r * g + j] as number);
    for (let r = 0; r < h; r++) {
      for (let j = 0; j < g; j++) w[(e + r) * g + j] = scale(j, recurrent[r * g + j] as number);
    }
    for (let j = 0; j < g; j++) w[(e + h) * g + j] = scale(j, bias[j] as number);
    kern.pack(stage.ptr, g * 4, this.w.ptr, k, g);
    const whT = xnn.f32(stage, 0, g * h);
    for (let r = 0; r < h; r++) for (let j = 0; j < g; j++) whT[j * h + r] = recurrent[r * g + j] as number;
    kern.pack(stage.ptr, h * 4, this.whT.ptr, g, h);
    const wxT = xnn.f32(stage, 0, g * e);
    for (let r = 0; r < e; r++) for (let j = 0; j < g; j++) wxT[j * e + r] = kernel[r * g + j] as number;
    kern.pack(stage.ptr, e * 4, this.wxT.ptr, g, e);
    this.weightsReady = true;
    this.saved = null;
  }

  /** Makes sure buffers hold a batch of this shape, and registers the per-step views. */
  private prepare(
    batch: number,
    steps: number,
    train: boolean,
  ): { buf: Buffers; tbuf: TrainBuffers | null; views: StepViews } {
    const xnn = this.xnn;
    const H = this.hidden;
    const G = 4 * H;
    const E = this.inputSize;
    const K = this.k;
    const rows = batch * (steps + 1);
    if (!this.buf || rows > this.rowsCap || batch > this.batchCap) {
      this.dropViews();
      if (this.buf) for (const b of Object.values(this.buf)) xnn.free(b as HeapBuffer);
      const cap = Math.max(rows, Math.ceil(this.rowsCap * 1.25));
      const bc = Math.max(batch, this.batchCap);
      this.rowsCap = cap;
      this.batchCap = bc;
      this.buf = {
        xh: xnn.alloc(cap * K),
        c: xnn.alloc(cap * H),
        pre: xnn.alloc(bc * G),
        twoC: xnn.alloc(bc * H),
        sigC: xnn.alloc(bc * H),
        dh: xnn.alloc(bc * H),
        dc: xnn.alloc(bc * H),
        dw: xnn.alloc(K * G),
        dgPacked: xnn.alloc(packedLength(CHUNK, G)),
      };
    }
    if (train && (!this.tbuf || rows > this.trainRowsCap)) {
      this.dropViews();
      if (this.tbuf) for (const b of Object.values(this.tbuf)) xnn.free(b as HeapBuffer);
      const cap = Math.max(rows, Math.ceil(this.trainRowsCap * 1.25));
      this.trainRowsCap = cap;
      this.tbuf = {
        s: xnn.alloc(cap * G),
        tc: xnn.alloc(cap * H),
        dout: xnn.alloc(cap * H),
        dg: xnn.alloc(cap * G),
        dx: xnn.alloc(cap * E),
      };
      if (this.maskPtr) xnn.freeBytes(this.maskPtr);
      this.maskPtr = xnn.allocBytes(cap * 4);
    }
    const buf = this.buf;
    const tbuf = train ? this.tbuf : null;
    const v = this.views;
    if (v && v.batch === batch && v.steps === steps && (v.train || !train)) return { buf, tbuf, views: v };
    this.dropViews();
    // Registering allocates inside the module (which may grow the heap and detach typed arrays): it happens
    // here, before a pass takes any typed array, and never during one.
    const B = batch;
    const views: StepViews = {
      batch,
      steps,
      train: tbuf !== null,
      s: [],
      pre: xnn.view(buf.pre, 0, B * G),
      twoC: xnn.view(buf.twoC, 0, B * H),
      sigC: xnn.view(buf.sigC, 0, B * H),
    };
    if (tbuf) for (let t = 0; t < steps; t++) views.s.push(xnn.view(tbuf.s, t * B * G, B * G));
    this.views = views;
    return { buf, tbuf, views };
  }

  /** Frees every buffer on the heap; the direction must not be used afterwards. */
  dispose(): void {
    this.dropViews();
    for (const b of [
      this.w,
      this.whT,
      this.wxT,
      this.staging,
      ...Object.values(this.buf ?? {}),
      ...Object.values(this.tbuf ?? {}),
    ]) {
      this.xnn.free(b as HeapBuffer);
    }
    if (this.maskPtr) this.xnn.freeBytes(this.maskPtr);
    this.buf = null;
    this.tbuf = null;
    this.maskPtr = 0;
    this.saved = null;
    this.weightsReady = false;
  }

  private dropViews(): void {
    const v = this.views;
    if (!v) return;
    for (const b of [...v.s, v.pre, v.twoC, v.sigC]) this.xnn.release(b);
    this.views = null;
  }

  /**
   * Runs the direction over a batch. With `train`, keeps what `backward` needs, tagged with `token`.
   * @param reverse read each sequence from its last real token to its first (the backward direction)
   */
  forward(
    io: ForwardIo,
    batch: number,
    steps: number,
    reverse: boolean,
    train: boolean,
    token: number,
  ): void {
    if (!this.weightsReady) throw new BiLstmError('ENGINE_FAILED', 'LSTM direction used before setWeights()');
    const xnn = this.xnn;
    const kern = xnn.kernels;
    const H = this.hidden;
    const G = 4 * H;
    const E = this.inputSize;
    const K = this.k;
    const B = batch;
    const T = steps;
    this.saved = null;
    // Sequences sorted longest first, so the rows still running at a step are a prefix: each step's matMul
    // and kernels cover only them, and padding costs nothing.
    const { perm, lengths: L, active } = sortByLength(io.lengths, T);
    const { buf, tbuf, views } = this.prepare(B, T, train);
    const heap = xnn.heap;
    const xhBase = buf.xh.ptr >>> 2;
    const input = io.input;

    // [x_t | h_{t−1} | 1] rows; x is time-major, each sequence reversed within its length for `reverse`.
    const xh = heap.subarray(xhBase, xhBase + (T + 1) * B * K);
    xh.fill(0);
    for (let t = 0; t <= T; t++) {
      for (let r = 0; r < B; r++) {
        const row = (t * B + r) * K;
        xh[row + E + H] = 1;
        const len = L[r] as number;
        if (t < len) {
          const src = ((perm[r] as number) * T + (reverse ? len - 1 - t : t)) * E;
          xh.set(input.subarray(src, src + E), row);
        }
      }
    }
    heap.fill(0, buf.c.ptr >>> 2, (buf.c.ptr >>> 2) + B * H);

    const hBytes = H * 4;
    const kBytes = K * 4;
    for (let t = 0; t < T; t++) {
      const M = active[t] as number;
      if (M === 0) break;
      const act = train ? (views.s[t] as HeapBuffer) : views.pre;
      kern.gemm(buf.xh.ptr + t * B * kBytes, kBytes, 4, this.w.ptr, buf.pre.ptr, G * 4, M, K, G, 0);
      xnn.sigmoid(views.pre, act);
      const cPrev = buf.c.ptr + t * B * hBytes;
      kern.cell_fwd(act.ptr, cPrev, cPrev + B * hBytes, buf.twoC.ptr, M, H);
      xnn.sigmoid(views.twoC, views.sigC);
      const tc = tbuf ? tbuf.tc.ptr + t * B * hBytes : buf.twoC.ptr;
      kern.hidden_fwd(act.ptr, buf.sigC.ptr, tc, buf.xh.ptr + ((t + 1) * B * K + E) * 4, kBytes, M, H);
    }

    const hs = xnn.heap.subarray(xhBase, xhBase + (T + 1) * B * K);
    const out = io.output;
    if (out) {
      for (let r = 0; r < B; r++) {
        const len = L[r] as number;
        const b = perm[r] as number;
        for (let p = 0; p < T; p++) {
          const o = (b * T + p) * io.outStride + io.outOffset;
          if (p < len) {
            const src = (((reverse ? len - 1 - p : p) + 1) * B + r) * K + E;
            out.set(hs.subarray(src, src + H), o);
          } else {
            out.fill(0, o, o + H);
          }
        }
      }
    }
    let pool: NonNullable<LstmDirection['saved']>['pool'] = null;
    if (io.pool) {
      const argmax = new Int32Array(B * H);
      const states = {
        hs,
        rowStride: K,
        colOffset: E,
        batch: B,
        steps: T,
        hidden: H,
        lengths: L,
        reverse,
        perm,
      };
      poolForward(io.pool.mode, states, io.pool.out, io.pool.stride, io.pool.dir, argmax);
      pool = { mode: io.pool.mode, stride: io.pool.stride, dir: io.pool.dir, argmax };
    }
    if (train) this.saved = { batch: B, steps: T, lengths: L, reverse, token, perm, active, pool };
  }

  /**
   * Backpropagates through the forward pass tagged `token` (throws when another pass replaced it: the caller
   * then re-runs `forward` with `train`). Writes this direction's input, weight and bias gradients.
   */
  backward(io: BackwardIo, token: number): void {
    const saved = this.saved;
    if (!saved || saved.token !== token) {
      throw new BiLstmError('ENGINE_FAILED', 'the activations of this forward pass are no longer kept');
    }
    const xnn = this.xnn;
    const kern = xnn.kernels;
    const H = this.hidden;
    const G = 4 * H;
    const E = this.inputSize;
    const K = this.k;
    const { batch: B, steps: T, lengths: L, reverse, perm, active, pool } = saved;
    const N = B * T;
    const { buf, tbuf: maybeT } = this.prepare(B, T, true);
    const tbuf = maybeT as TrainBuffers;
    const heap = xnn.heap;
    const mask = xnn.heap32.subarray(this.maskPtr >>> 2, (this.maskPtr >>> 2) + N);
    const dBase = tbuf.dout.ptr >>> 2;
    const dout = heap.subarray(dBase, dBase + N * H);
    const dOut = io.dOutput;
    if (!dOut) dout.fill(0);
    for (let r = 0; r < B; r++) {
      const len = L[r] as number;
      const b = perm[r] as number;
      for (let t = 0; t < T; t++) {
        const dst = (t * B + r) * H;
        mask[t * B + r] = t < len ? 1 : 0;
        if (!dOut) continue;
        if (t < len) {
          const src = (b * T + (reverse ? len - 1 - t : t)) * io.outStride + io.outOffset;
          dout.set(dOut.subarray(src, src + H), dst);
        } else {
          dout.fill(0, dst, dst + H);
        }
      }
    }
    if (io.dPool) {
      if (!pool)
        throw new BiLstmError('ENGINE_FAILED', 'a pooled gradient for a forward pass that did not pool');
      poolBackward(
        pool.mode,
        { batch: B, steps: T, hidden: H, lengths: L, reverse, perm },
        io.dPool,
        pool.stride,
        pool.dir,
        pool.argmax,
        dout,
      );
    }
    heap.fill(0, buf.dh.ptr >>> 2, (buf.dh.ptr >>> 2) + B * H);
    heap.fill(0, buf.dc.ptr >>> 2, (buf.dc.ptr >>> 2) + B * H);

    const hBytes = H * 4;
    const gBytes = G * 4;
    const dgBase = tbuf.dg.ptr >>> 2;
    for (let t = T - 1; t >= 0; t--) {
      const M = active[t] as number;
      // Rows that finished before this step contribute nothing to the weight gradients.
      heap.fill(0, dgBase + (t * B + M) * G, dgBase + (t + 1) * B * G);
      if (M === 0) continue;
      kern.gates_bwd(
        tbuf.s.ptr + t * B * gBytes,
        tbuf.tc.ptr + t * B * hBytes,
        buf.c.ptr + t * B * hBytes,
        tbuf.dout.ptr + t * B * hBytes,
        buf.dh.ptr,
        buf.dc.ptr,
        tbuf.dg.ptr + t * B * gBytes,
        this.maskPtr + t * B * 4,
        M,
        H,
      );
      // dh_{t−1} = dz_t · Uᵀ
      kern.gemm(tbuf.dg.ptr + t * B * gBytes, gBytes, 4, this.whT.ptr, buf.dh.ptr, hBytes, M, G, H, 0);
    }

    // d[W; U; b] = Σ over row chunks of [x | h_{t−1} | 1]_chunkᵀ · dz_chunk: the transposed operand is read in
    // place (strides swapped), the chunk of dz packed; the sum accumulates in d[W; U; b].
    const kBytes = K * 4;
    for (let c0 = 0; c0 < N; c0 += CHUNK) {
      const rows = Math.min(CHUNK, N - c0);
      kern.pack(tbuf.dg.ptr + c0 * gBytes, gBytes, buf.dgPacked.ptr, rows, G);
      kern.gemm(
        buf.xh.ptr + c0 * kBytes,
        4,
        kBytes,
        buf.dgPacked.ptr,
        buf.dw.ptr,
        gBytes,
        K,
        rows,
        G,
        c0 > 0 ? 1 : 0,
      );
    }
    // dx = dz · Wᵀ
    kern.gemm(tbuf.dg.ptr, gBytes, 4, this.wxT.ptr, tbuf.dx.ptr, E * 4, N, G, E, 0);

    // d[W; U; b] is [K, 4H]: Keras's kernel, recurrent kernel and bias, one after another.
    const h2 = xnn.heap;
    const dwBase = buf.dw.ptr >>> 2;
    io.dKernel.set(h2.subarray(dwBase, dwBase + E * G));
    io.dRecurrent.set(h2.subarray(dwBase + E * G, dwBase + (E + H) * G));
    io.dBias.set(h2.subarray(dwBase + (E + H) * G, dwBase + K * G));
    const dxs = h2.subarray(tbuf.dx.ptr >>> 2, (tbuf.dx.ptr >>> 2) + N * E);
    const dIn = io.dInput;
    for (let r = 0; r < B; r++) {
      const len = L[r] as number;
      const b = perm[r] as number;
      for (let p = 0; p < T; p++) {
        const dst = (b * T + p) * E;
        if (p < len) {
          const src = ((reverse ? len - 1 - p : p) * B + r) * E;
          dIn.set(dxs.subarray(src, src + E), dst);
        } else {
          dIn.fill(0, dst, dst + E);
        }
      }
    }
  }
}
