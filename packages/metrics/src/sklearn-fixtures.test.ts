import { describe, expect, test } from 'vitest';
import { expectClose } from '../test/expect-close.ts';
import { loadSklearnFixtures, type PrfFixture } from '../test/sklearn-fixtures.ts';
import {
  accuracy,
  averagePrecisionScore,
  brierScore,
  calibrationBins,
  classificationReport,
  classificationReportDict,
  confusionMatrix,
  expectedCalibrationError,
  fbetaScore,
  logLoss,
  MetricsAccumulator,
  matthewsCorrcoef,
  type ProbabilityInput,
  precision,
  precisionRecallFscore,
  recall,
  rocAucScore,
} from './index.ts';

const fixtures = loadSklearnFixtures();

function prfOptions(f: PrfFixture) {
  return {
    average: f.average,
    beta: f.beta,
    zeroDivision: f.zero_division,
    ...(f.labels ? { labels: f.labels } : {}),
  };
}

test('the fixture file comes from scikit-learn and has cases', () => {
  expect(fixtures.sklearn_version).toMatch(/^\d+\.\d+/);
  expect(fixtures.classification.length).toBeGreaterThan(5);
  expect(fixtures.probabilistic.length).toBeGreaterThan(5);
});

describe.each(fixtures.classification)('label case $name', (c) => {
  const k = c.num_classes;
  test('confusion matrix, accuracy and MCC (plain arrays and Int32Array)', () => {
    expect(confusionMatrix(c.y_true, c.y_pred, { numClasses: k })).toEqual(c.confusion_matrix);
    expect(
      confusionMatrix(Int32Array.from(c.y_true), Float64Array.from(c.y_pred), { numClasses: k }),
    ).toEqual(c.confusion_matrix);
    expectClose(accuracy(c.y_true, c.y_pred), c.accuracy);
    expectClose(matthewsCorrcoef(Int32Array.from(c.y_true), c.y_pred), c.mcc);
  });

  test('precision, recall, F-beta for every average, zeroDivision, beta and labels', () => {
    for (const f of c.prf) {
      const opts = prfOptions(f);
      const r = precisionRecallFscore(c.y_true, c.y_pred, opts);
      const where = JSON.stringify(opts);
      expectClose(r.precision, f.precision, 1e-12, `${where} precision`);
      expectClose(r.recall, f.recall, 1e-12, `${where} recall`);
      expectClose(r.fScore, f.fscore, 1e-12, `${where} fscore`);
      if (f.support) expect('support' in r && r.support).toEqual(f.support);
      expectClose(fbetaScore(c.y_true, c.y_pred, f.beta, opts), f.fscore, 1e-12, `${where} fbetaScore`);
      expectClose(precision(c.y_true, c.y_pred, opts), f.precision, 1e-12, `${where} precision()`);
      expectClose(recall(c.y_true, c.y_pred, opts), f.recall, 1e-12, `${where} recall()`);
    }
  });

  test('classification report text (exact) and dict', () => {
    for (const r of c.reports) {
      const opts = {
        digits: r.digits,
        zeroDivision: r.zero_division,
        ...(r.labels ? { labels: r.labels } : {}),
        ...(r.target_names ? { targetNames: r.target_names } : {}),
      };
      expect(classificationReport(c.y_true, c.y_pred, opts)).toBe(r.text);
      expectClose(classificationReportDict(c.y_true, c.y_pred, opts), r.dict);
    }
  });

  test('an accumulator fed in uneven batches gives the same numbers', () => {
    const acc = new MetricsAccumulator({ numClasses: k });
    for (let start = 0, size = 1; start < c.y_true.length; start += size, size = (size * 3) % 17) {
      acc.update({ yTrue: c.y_true.slice(start, start + size), yPred: c.y_pred.slice(start, start + size) });
    }
    expect(acc.confusionMatrix()).toEqual(c.confusion_matrix);
    expectClose(acc.accuracy(), c.accuracy);
    expectClose(acc.matthewsCorrcoef(), c.mcc);
    for (const f of c.prf) {
      const r = acc.precisionRecallFscore(prfOptions(f));
      expectClose([r.precision, r.recall, r.fScore], [f.precision, f.recall, f.fscore]);
    }
    for (const r of c.reports) {
      const opts = {
        digits: r.digits,
        zeroDivision: r.zero_division,
        ...(r.labels ? { labels: r.labels } : {}),
      };
      if (!r.target_names) expect(acc.classificationReport(opts)).toBe(r.text);
    }
  });
});

describe.each(fixtures.probabilistic)('probability case $name', (c) => {
  const layouts: [string, ProbabilityInput][] =
    c.kind === 'binary'
      ? [
          ['positive-class array', c.y_prob as number[]],
          ['Float64Array', Float64Array.from(c.y_prob as number[])],
          ['n × 2 rows', (c.y_prob as number[]).map((p) => [1 - p, p])],
        ]
      : [
          ['rows', c.y_prob as number[][]],
          ['row-major Float64Array', Float64Array.from((c.y_prob as number[][]).flat())],
        ];

  test.each(layouts)('log loss, Brier, ROC-AUC, AP from %s', (_layout, probs) => {
    expectClose(logLoss(c.y_true, probs), c.log_loss);
    if (c.brier !== undefined) expectClose(brierScore(c.y_true, probs), c.brier);
    if (c.roc_auc !== undefined) expectClose(rocAucScore(c.y_true, probs), c.roc_auc);
    if (c.average_precision !== undefined)
      expectClose(averagePrecisionScore(c.y_true, probs), c.average_precision);
  });

  test('calibration bins equal calibration_curve, and the ECE follows', () => {
    for (const cal of c.calibration) {
      const opts = { nBins: cal.n_bins, confidence: cal.confidence };
      const bins = calibrationBins(c.y_true, c.y_prob, opts);
      expect(bins.map((b) => b.count)).toEqual(cal.counts);
      const nonEmpty = bins.filter((b) => b.count > 0);
      expectClose(
        nonEmpty.map((b) => b.observed),
        cal.prob_true,
      );
      expectClose(
        nonEmpty.map((b) => b.meanConfidence),
        cal.prob_pred,
      );
      expectClose(expectedCalibrationError(c.y_true, c.y_prob, opts), cal.ece);
    }
  });

  test('an accumulator fed in batches gives the same numbers', () => {
    const k = c.num_classes ?? 2;
    const acc = new MetricsAccumulator({ numClasses: k });
    const n = c.y_true.length;
    for (let start = 0; start < n; start += 7) {
      acc.update({
        yTrue: c.y_true.slice(start, start + 7),
        probabilities: (c.y_prob as ProbabilityInput).slice(start, start + 7) as ProbabilityInput,
      });
    }
    expectClose(acc.logLoss(), c.log_loss);
    if (c.brier !== undefined) expectClose(acc.brierScore(), c.brier);
    if (c.roc_auc !== undefined) expectClose(acc.rocAucScore(), c.roc_auc);
    if (c.average_precision !== undefined) expectClose(acc.averagePrecisionScore(), c.average_precision);
    for (const cal of c.calibration) {
      expectClose(acc.expectedCalibrationError({ nBins: cal.n_bins, confidence: cal.confidence }), cal.ece);
    }
  });
});

describe.each(fixtures.scores)('real-valued scores $name', (c) => {
  test('ROC-AUC and AP with ties', () => {
    expectClose(rocAucScore(c.y_true, c.y_score), c.roc_auc);
    expectClose(averagePrecisionScore(c.y_true, Float64Array.from(c.y_score)), c.average_precision);
  });
});
