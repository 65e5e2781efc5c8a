/** A seeded PRNG (mulberry32) with a normal sampler: deterministic weight initialisation. */
export function seededRandom(seed: number): { uniform(): number; normal(): number } {
  let s = seed >>> 0;
  const uniform = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let spare: number | null = null;
  const normal = (): number => {
    if (spare !== null) {
      const v = spare;
      spare = null;
      return v;
    }
    let u = 0;
    while (u === 0) u = uniform();
    const v = uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  return { uniform, normal };
}

/** Glorot (Xavier) uniform: U(−l, l) with l = √(6 / (fanIn + fanOut)). */
export function glorotUniform(rows: number, cols: number, seed: number): Float32Array {
  const rng = seededRandom(seed);
  const limit = Math.sqrt(6 / (rows + cols));
  return Float32Array.from({ length: rows * cols }, () => (2 * rng.uniform() - 1) * limit);
}

/**
 * A matrix with orthonormal rows (rows ≤ cols) or columns, from Gram–Schmidt on a seeded normal matrix: the
 * usual initialisation of recurrent kernels.
 */
export function orthogonal(rows: number, cols: number, seed: number): Float32Array {
  const rng = seededRandom(seed);
  const transpose = rows > cols;
  const r = transpose ? cols : rows;
  const c = transpose ? rows : cols;
  const m = Array.from({ length: r }, () => Float64Array.from({ length: c }, () => rng.normal()));
  for (let i = 0; i < r; i++) {
    const v = m[i] as Float64Array;
    for (let j = 0; j < i; j++) {
      const u = m[j] as Float64Array;
      let dot = 0;
      for (let k = 0; k < c; k++) dot += (v[k] as number) * (u[k] as number);
      for (let k = 0; k < c; k++) v[k] = (v[k] as number) - dot * (u[k] as number);
    }
    let norm = 0;
    for (let k = 0; k < c; k++) norm += (v[k] as number) ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let k = 0; k < c; k++) v[k] = (v[k] as number) / norm;
  }
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < r; i++) {
    for (let k = 0; k < c; k++) {
      const value = (m[i] as Float64Array)[k] as number;
      if (transpose) out[k * cols + i] = value;
      else out[i * cols + k] = value;
    }
  }
  return out;
}
