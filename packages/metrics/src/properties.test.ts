import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { MetricsAccumulator } from './accumulator.ts';
import { accuracy, matthewsCorrcoef } from './accuracy-mcc.ts';
import { calibrationBins, expectedCalibrationError } from './calibration.ts';
import { confusionMatrix } from './confusion-matrix.ts';
import { MetricsError } from './errors.ts';
import { precisionRecallFscore } from './precision-recall-f.ts';
import { predictClasses } from './predictions.ts';
import { brierScore, logLoss } from './probabilistic.ts';
import { averagePrecisionScore, rocAucScore } from './ranking.ts';
import { classificationReport } from './report.ts';

/** Labels with probabilities: binary as positive-class values on a grid (many ties), or normalised rows. */
interface Data {
  k: number;
  y: number[];
  probs: number[] | number[][];
}

const binaryOnGrid = (steps: number): fc.Arbitrary<Data> =>
  fc
    .array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: steps })), {
      minLength: 1,
      maxLength: 60,
    })
    .map((xs) => ({ k: 2, y: xs.map(([y]) => y), probs: xs.map(([, p]) => p / steps) }));

const binaryData = binaryOnGrid(30);

const rowsData: fc.Arbitrary<Data> = fc.integer({ min: 2, max: 4 }).chain((k) =>
  fc
    .array(
      fc.tuple(
        fc.integer({ min: 0, max: k - 1 }),
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: k, maxLength: k }),
      ),
      { minLength: 1, maxLength: 50 },
    )
    .map((xs) => ({
      k,
      y: xs.map(([y]) => y),
      probs: xs.map(([, w]) => {
        const total = w.reduce((a, b) => a + b, 0);
        return total === 0 ? w.map(() => 1 / k) : w.map((v) => v / total);
      }),
    })),
);

const anyData = fc.oneof(binaryData, rowsData);

/** A metric value, or the error code it throws (so undefined metrics compare too). */
function value<T>(fn: () => T): T | string {
  try {
    return fn();
  } catch (e) {
    if (e instanceof MetricsError) return e.code;
    throw e;
  }
}

function oneShot(d: Data) {
  const pred = predictClasses(d.probs, d.y.length);
  const binary = d.k === 2;
  const options = { numClasses: d.k };
  return {
    matrix: confusionMatrix(d.y, pred, options),
    accuracy: accuracy(d.y, pred, options),
    mcc: matthewsCorrcoef(d.y, pred, options),
    perClass: precisionRecallFscore(d.y, pred, { ...options, average: null }),
    macro: precisionRecallFscore(d.y, pred, { ...options, average: 'macro', beta: 2 }),
    weighted: value(() =>
      precisionRecallFscore(d.y, pred, { ...options, average: 'weighted', zeroDivision: 'nan' }),
    ),
    binary: binary ? value(() => precisionRecallFscore(d.y, pred, options)) : null,
    report: classificationReport(d.y, pred, { ...options, digits: 3 }),
    logLoss: logLoss(d.y, d.probs),
    eceMax: expectedCalibrationError(d.y, d.probs, { nBins: 7 }),
    bins: calibrationBins(d.y, d.probs),
    eceBinary: binary ? expectedCalibrationError(d.y, d.probs, { confidence: 'positive' }) : null,
    brier: binary ? brierScore(d.y, d.probs) : null,
    auc: binary ? value(() => rocAucScore(d.y, d.probs)) : null,
    ap: binary ? averagePrecisionScore(d.y, d.probs) : null,
  };
}

function accumulated(acc: MetricsAccumulator) {
  const binary = acc.numClasses === 2;
  return {
    matrix: acc.confusionMatrix(),
    accuracy: acc.accuracy(),
    mcc: acc.matthewsCorrcoef(),
    perClass: acc.precisionRecallFscore({ average: null }),
    macro: acc.precisionRecallFscore({ average: 'macro', beta: 2 }),
    weighted: value(() => acc.precisionRecallFscore({ average: 'weighted', zeroDivision: 'nan' })),
    binary: binary ? value(() => acc.precisionRecallFscore()) : null,
    report: acc.classificationReport({ digits: 3 }),
    logLoss: acc.logLoss(),
    eceMax: acc.expectedCalibrationError({ nBins: 7 }),
    bins: acc.calibrationBins(),
    eceBinary: binary ? acc.expectedCalibrationError({ confidence: 'positive' }) : null,
    brier: binary ? acc.brierScore() : null,
    auc: binary ? value(() => acc.rocAucScore()) : null,
    ap: binary ? acc.averagePrecisionScore() : null,
  };
}

function slice(d: Data, from: number, to: number): Data {
  return { k: d.k, y: d.y.slice(from, to), probs: d.probs.slice(from, to) as Data['probs'] };
}

function accumulate(d: Data, cuts: number[]): MetricsAccumulator {
  const acc = new MetricsAccumulator({ numClasses: d.k });
  const points = [0, ...cuts.map((c) => c % (d.y.length + 1)).sort((a, b) => a - b), d.y.length];
  for (let i = 1; i < points.length; i++) {
    const part = slice(d, points[i - 1] as number, points[i] as number);
    acc.update({ yTrue: part.y, probabilities: part.probs });
  }
  return acc;
}

describe('streaming equals one-shot, bit for bit', () => {
  test('for any split of the data into batches', () => {
    fc.assert(
      fc.property(anyData, fc.array(fc.nat(), { maxLength: 6 }), (d, cuts) => {
        expect(accumulated(accumulate(d, cuts))).toEqual(oneShot(d));
      }),
      { numRuns: 60 },
    );
  });

  test('for two accumulators merged in either order', () => {
    fc.assert(
      fc.property(anyData, fc.nat(), fc.array(fc.nat(), { maxLength: 3 }), (d, at, cuts) => {
        const mid = at % (d.y.length + 1);
        const a = () => accumulate(slice(d, 0, mid), cuts);
        const b = () => accumulate(slice(d, mid, d.y.length), cuts);
        const ab = accumulated(a().merge(b()));
        const ba = accumulated(b().merge(a()));
        expect(ab).toEqual(ba);
        expect(ab).toEqual(oneShot(d));
      }),
      { numRuns: 40 },
    );
  });
});

test('every metric is invariant under a permutation of the samples', () => {
  const withOrder = anyData.chain((d) =>
    fc.tuple(
      fc.constant(d),
      fc.shuffledSubarray(
        d.y.map((_, i) => i),
        { minLength: d.y.length, maxLength: d.y.length },
      ),
    ),
  );
  fc.assert(
    fc.property(withOrder, ([d, order]) => {
      const permuted: Data = {
        k: d.k,
        y: order.map((i) => d.y[i] as number),
        probs: order.map((i) => d.probs[i]) as Data['probs'],
      };
      expect(oneShot(permuted)).toEqual(oneShot(d));
    }),
    { numRuns: 60 },
  );
});

test('precision, recall and F are in [0, 1] and MCC in [-1, 1] for any labels', () => {
  const labels = fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 })), {
    minLength: 1,
    maxLength: 40,
  });
  const zeroDivision = fc.constantFrom('warn' as const, 0 as const, 1 as const);
  const average = fc.constantFrom(null, 'micro' as const, 'macro' as const, 'weighted' as const);
  fc.assert(
    fc.property(
      labels,
      zeroDivision,
      average,
      fc.double({ min: 0, max: 10, noNaN: true }),
      (xs, z, avg, beta) => {
        const t = xs.map(([a]) => a);
        const p = xs.map(([, b]) => b);
        const r = precisionRecallFscore(t, p, { average: avg, zeroDivision: z, beta });
        for (const v of [r.precision, r.recall, r.fScore].flat()) {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1);
        }
        const mcc = matthewsCorrcoef(t, p);
        expect(mcc).toBeGreaterThanOrEqual(-1);
        expect(mcc).toBeLessThanOrEqual(1);
      },
    ),
  );
});

test('AUC(1 − s) = 1 − AUC(s)', () => {
  // a dyadic grid, so 1 − s is exact and keeps the ties of s
  const data = binaryOnGrid(64).filter((d) => d.y.includes(0) && d.y.includes(1));
  fc.assert(
    fc.property(data, (d) => {
      const s = d.probs as number[];
      expect(
        rocAucScore(
          d.y,
          s.map((v) => 1 - v),
        ),
      ).toBeCloseTo(1 - rocAucScore(d.y, s), 14);
    }),
  );
});
