/** How rows of absent words are filled. */
export type OovStrategy = 'random' | 'zeros' | 'mean';

/**
 * A small, fast, seeded PRNG (sfc32, seeded through splitmix32) with standard normal draws by Box–Muller.
 * Deterministic across platforms: only 32-bit integer arithmetic and Math.log/sqrt/cos/sin of the same inputs.
 */
export class SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare = Number.NaN;

  constructor(seed: number) {
    let s = (seed | 0) ^ Math.floor(seed / 2 ** 32);
    const next = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** A uniform 32-bit unsigned integer. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A uniform number in (0, 1). */
  uniform(): number {
    return (this.uint32() + 0.5) / 4294967296;
  }

  /** A standard normal number. */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const z = this.spare;
      this.spare = Number.NaN;
      return z;
    }
    const r = Math.sqrt(-2 * Math.log(this.uniform()));
    const t = 2 * Math.PI * this.uniform();
    this.spare = r * Math.sin(t);
    return r * Math.cos(t);
  }
}

/** Per-dimension mean and (population) standard deviation of the given rows; zeros when there are none. */
export function rowStats(
  matrix: Float32Array,
  dim: number,
  rows: readonly number[],
): { mean: Float64Array; std: Float64Array } {
  const mean = new Float64Array(dim);
  const std = new Float64Array(dim);
  if (rows.length === 0) return { mean, std };
  for (const r of rows) {
    const o = r * dim;
    for (let j = 0; j < dim; j++) mean[j] = (mean[j] as number) + (matrix[o + j] as number);
  }
  for (let j = 0; j < dim; j++) mean[j] = (mean[j] as number) / rows.length;
  for (const r of rows) {
    const o = r * dim;
    for (let j = 0; j < dim; j++) {
      const d = (matrix[o + j] as number) - (mean[j] as number);
      std[j] = (std[j] as number) + d * d;
    }
  }
  for (let j = 0; j < dim; j++) std[j] = Math.sqrt((std[j] as number) / rows.length);
  return { mean, std };
}

/**
 * Fills the `absent` rows of `matrix` (in the order given) per the strategy, from the statistics of the
 * `present` rows. `zeros` leaves them as they are (zero-initialised).
 */
export function fillAbsentRows(
  matrix: Float32Array,
  dim: number,
  present: readonly number[],
  absent: readonly number[],
  strategy: OovStrategy,
  seed: number,
): void {
  if (strategy === 'zeros' || absent.length === 0) return;
  const { mean, std } = rowStats(matrix, dim, present);
  if (strategy === 'mean') {
    const m = Float32Array.from(mean);
    for (const r of absent) matrix.set(m, r * dim);
    return;
  }
  const rng = new SeededRandom(seed);
  for (const r of absent) {
    const o = r * dim;
    for (let j = 0; j < dim; j++) matrix[o + j] = (mean[j] as number) + (std[j] as number) * rng.normal();
  }
}
