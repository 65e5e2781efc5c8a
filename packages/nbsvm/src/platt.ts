/** A fitted sigmoid: `P(class | score) = 1 / (1 + exp(a * score + b))`. */
export interface PlattSigmoid {
  a: number;
  b: number;
}

/** The probability a Platt sigmoid gives a score. */
export function plattProbability(s: PlattSigmoid, score: number): number {
  const f = s.a * score + s.b;
  return f >= 0 ? Math.exp(-f) / (1 + Math.exp(-f)) : 1 / (1 + Math.exp(f));
}

/**
 * Fits Platt's sigmoid to held-out scores by Newton's method with backtracking, as in Lin, Lin & Weng (2007),
 * "A note on Platt's probabilistic outputs" (smoothed targets, numerically stable log-loss).
 */
export function fitPlatt(scores: Float64Array, positive: Uint8Array): PlattSigmoid {
  let prior1 = 0;
  for (let i = 0; i < positive.length; i++) prior1 += positive[i] ? 1 : 0;
  const prior0 = positive.length - prior1;
  const hi = (prior1 + 1) / (prior1 + 2);
  const lo = 1 / (prior0 + 2);
  const n = scores.length;
  const loss = (a: number, b: number): number => {
    let f = 0;
    for (let i = 0; i < n; i++) {
      const t = positive[i] ? hi : lo;
      const z = (scores[i] as number) * a + b;
      f += z >= 0 ? t * z + Math.log1p(Math.exp(-z)) : (t - 1) * z + Math.log1p(Math.exp(z));
    }
    return f;
  };
  let a = 0;
  let b = Math.log((prior0 + 1) / (prior1 + 1));
  let fval = loss(a, b);
  for (let iter = 0; iter < 100; iter++) {
    let h11 = 1e-12;
    let h22 = 1e-12;
    let h21 = 0;
    let g1 = 0;
    let g2 = 0;
    for (let i = 0; i < n; i++) {
      const s = scores[i] as number;
      const z = s * a + b;
      const p = z >= 0 ? Math.exp(-z) / (1 + Math.exp(-z)) : 1 / (1 + Math.exp(z));
      const q = 1 - p;
      const d2 = p * q;
      h11 += s * s * d2;
      h22 += d2;
      h21 += s * d2;
      const d1 = (positive[i] ? hi : lo) - p;
      g1 += s * d1;
      g2 += d1;
    }
    if (Math.abs(g1) < 1e-5 && Math.abs(g2) < 1e-5) break;
    const det = h11 * h22 - h21 * h21;
    const da = -(h22 * g1 - h21 * g2) / det;
    const db = -(-h21 * g1 + h11 * g2) / det;
    const gd = g1 * da + g2 * db;
    let step = 1;
    while (step >= 1e-10) {
      const f = loss(a + step * da, b + step * db);
      if (f < fval + 1e-4 * step * gd) {
        a += step * da;
        b += step * db;
        fval = f;
        break;
      }
      step /= 2;
    }
    if (step < 1e-10) break;
  }
  return { a, b };
}
