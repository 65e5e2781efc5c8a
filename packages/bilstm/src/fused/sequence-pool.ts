/** How a direction's outputs over time become one vector per sequence (computed inside the engine). */
export type PoolMode = 'last' | 'final' | 'max' | 'mean' | 'max-mean';

/** Width of a pooled row for `hidden` units per direction. */
export const pooledWidth = (mode: PoolMode, hidden: number): number =>
  mode === 'max-mean' ? 4 * hidden : 2 * hidden;

/**
 * Where a direction's hidden states sit: `h` of own step `t` and row `b` starts at `(t + 1)·B + b` rows of
 * `rowStride` floats, plus `colOffset` (the engine's `[x | h | 1]` rows).
 */
export interface HiddenStates {
  hs: Float32Array;
  rowStride: number;
  colOffset: number;
  batch: number;
  steps: number;
  hidden: number;
  /** Length of the sequence in each row slot. */
  lengths: Int32Array;
  reverse: boolean;
  /** The output row of each slot (the engine keeps sequences sorted by length). */
  perm: Int32Array;
}

/** The own step a direction is at for sequence position `p` of a sequence of length `len`, or -1 past it. */
const stepAt = (p: number, len: number, reverse: boolean): number =>
  p >= len ? -1 : reverse ? len - 1 - p : p;

/**
 * Pools one direction into `out` (`[batch, stride]`; this direction's units at `dir·H`, and for `max-mean`
 * the means at `2H + dir·H`), keeping in `argmax` the step each max came from, for the backward pass.
 * `last` is the output at the last position, padding included (zero there); `final` the state at the
 * direction's last real step; `max`/`mean` over real steps only.
 */
export function poolForward(
  mode: PoolMode,
  s: HiddenStates,
  out: Float32Array,
  stride: number,
  dir: number,
  argmax: Int32Array,
): void {
  const { hs, rowStride, colOffset, batch: B, steps: T, hidden: H, lengths, reverse, perm } = s;
  const row = (t: number, b: number): number => ((t + 1) * B + b) * rowStride + colOffset;
  for (let b = 0; b < B; b++) {
    const len = Math.min(Math.max(0, lengths[b] as number), T);
    const ob = perm[b] as number;
    const o = ob * stride + dir * H;
    if (mode === 'last' || mode === 'final') {
      const t = mode === 'final' ? len - 1 : stepAt(T - 1, len, reverse);
      if (t < 0) out.fill(0, o, o + H);
      else out.set(hs.subarray(row(t, b), row(t, b) + H), o);
      continue;
    }
    const meanAt = mode === 'max-mean' ? ob * stride + 2 * H + dir * H : mode === 'mean' ? o : -1;
    const maxAt = mode === 'mean' ? -1 : o;
    for (let u = 0; u < H; u++) {
      let best = Number.NEGATIVE_INFINITY;
      let arg = -1;
      let sum = 0;
      for (let t = 0; t < len; t++) {
        const v = hs[row(t, b) + u] as number;
        sum += v;
        if (v > best) {
          best = v;
          arg = t;
        }
      }
      if (maxAt >= 0) {
        out[maxAt + u] = arg < 0 ? 0 : best;
        argmax[b * H + u] = arg;
      }
      if (meanAt >= 0) out[meanAt + u] = len > 0 ? sum / len : 0;
    }
  }
}

/**
 * The gradient of {@link poolForward}: adds each pooled gradient to the upstream gradient `dout` of the
 * direction's own steps (`[steps, batch, H]`, time-major).
 */
export function poolBackward(
  mode: PoolMode,
  s: Omit<HiddenStates, 'hs' | 'rowStride' | 'colOffset'>,
  dPool: Float32Array,
  stride: number,
  dir: number,
  argmax: Int32Array,
  dout: Float32Array,
): void {
  const { batch: B, steps: T, hidden: H, lengths, reverse, perm } = s;
  for (let b = 0; b < B; b++) {
    const len = Math.min(Math.max(0, lengths[b] as number), T);
    const ob = perm[b] as number;
    const o = ob * stride + dir * H;
    if (mode === 'last' || mode === 'final') {
      const t = mode === 'final' ? len - 1 : stepAt(T - 1, len, reverse);
      if (t < 0) continue;
      const d = (t * B + b) * H;
      for (let u = 0; u < H; u++) dout[d + u] = (dout[d + u] as number) + (dPool[o + u] as number);
      continue;
    }
    if (mode !== 'mean') {
      for (let u = 0; u < H; u++) {
        const t = argmax[b * H + u] as number;
        if (t >= 0)
          dout[(t * B + b) * H + u] = (dout[(t * B + b) * H + u] as number) + (dPool[o + u] as number);
      }
    }
    if (mode !== 'max' && len > 0) {
      const m = mode === 'mean' ? o : ob * stride + 2 * H + dir * H;
      for (let t = 0; t < len; t++) {
        const d = (t * B + b) * H;
        for (let u = 0; u < H; u++) dout[d + u] = (dout[d + u] as number) + (dPool[m + u] as number) / len;
      }
    }
  }
}
