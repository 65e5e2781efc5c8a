// Timings of every metric on synthetic data; one JSON object per line. Run: pnpm bench
import {
  averagePrecisionScore,
  brierScore,
  classificationReport,
  expectedCalibrationError,
  f1Score,
  logLoss,
  MetricsAccumulator,
  matthewsCorrcoef,
  precisionRecallFscore,
  predictClasses,
  rocAucScore,
} from '../src/index.ts';

const N = Number(process.env['BENCH_N'] ?? 25_000);
const REPEATS = 7;

/** Deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function bench(name: string, n: number, fn: () => unknown): void {
  fn(); // warm-up
  const times: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  const ms = median(times);
  console.log(
    JSON.stringify({
      bench: name,
      samples: n,
      medianMs: Number(ms.toFixed(3)),
      samplesPerSec: Math.round((n / ms) * 1000),
    }),
  );
}

const rand = rng(42);
const yTrue = Int32Array.from({ length: N }, () => (rand() < 0.5 ? 1 : 0));
const prob = Float32Array.from(yTrue, (y) =>
  Math.min(1, Math.max(0, 0.5 + (y - 0.5) * 0.6 + (rand() - 0.5) * 0.8)),
);
const yPred = predictClasses(prob, N);
const K = 5;
const rows = Array.from({ length: N }, () => {
  const w = Array.from({ length: K }, () => rand() + 0.01);
  const s = w.reduce((a, b) => a + b, 0);
  return Float64Array.from(w, (v) => v / s);
});
const yTrueK = Int32Array.from({ length: N }, () => Math.floor(rand() * K));
const yPredK = predictClasses(rows, N);

bench('f1Score binary', N, () => f1Score(yTrue, yPred));
bench('precisionRecallFscore macro 5 classes', N, () =>
  precisionRecallFscore(yTrueK, yPredK, { average: 'macro' }),
);
bench('matthewsCorrcoef', N, () => matthewsCorrcoef(yTrue, yPred));
bench('rocAucScore', N, () => rocAucScore(yTrue, prob));
bench('averagePrecisionScore', N, () => averagePrecisionScore(yTrue, prob));
bench('logLoss binary', N, () => logLoss(yTrue, prob));
bench('logLoss 5-class rows', N, () => logLoss(yTrueK, rows));
bench('brierScore', N, () => brierScore(yTrue, prob));
bench('expectedCalibrationError', N, () => expectedCalibrationError(yTrue, prob));
bench('classificationReport 5 classes', N, () => classificationReport(yTrueK, yPredK));
bench('accumulator update (batches of 32) + compute', N, () => {
  const acc = new MetricsAccumulator({ numClasses: 2 });
  for (let i = 0; i < N; i += 32)
    acc.update({ yTrue: yTrue.subarray(i, i + 32), probabilities: prob.subarray(i, i + 32) });
  return acc.compute();
});
bench('accumulator merge of 2 halves + compute', N, () => {
  const half = Math.floor(N / 2);
  const a = new MetricsAccumulator({ numClasses: 2 }).update({
    yTrue: yTrue.subarray(0, half),
    probabilities: prob.subarray(0, half),
  });
  const b = new MetricsAccumulator({ numClasses: 2 }).update({
    yTrue: yTrue.subarray(half),
    probabilities: prob.subarray(half),
  });
  return a.merge(b).compute();
});
