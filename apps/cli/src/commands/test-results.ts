import type { TrainingData } from '@sentikit/datasets';
import { classificationReport } from '@sentikit/metrics';
import type { EvaluationMetrics } from '@sentikit/sentiment';
import { type CliIo, writeLine } from '../io.ts';
import type { TestMetrics } from '../report-schema.ts';
import { renderScores } from '../scores-summary.ts';

/**
 * A trained model's test results, the same for every family: prints the scores (macro, weighted, the k × k
 * confusion matrix) and the classification report on stdout, and returns the report text and `report.html`'s
 * test section.
 */
export function reportTestResults(
  test: EvaluationMetrics,
  data: TrainingData,
  io: CliIo,
): { classificationReport: string; test: TestMetrics } {
  const confusionMatrix = test.summary.confusionMatrix;
  const report = classificationReport(
    (data.test ?? []).map((r) => r.label),
    test.predictions,
    { targetNames: [...data.classNames], digits: 4 },
  );
  writeLine(io.stdout, renderScores({ ...test, confusionMatrix }, data.classNames));
  writeLine(io.stdout, report);
  return {
    classificationReport: report,
    test: {
      accuracy: test.accuracy,
      precision: test.precision,
      recall: test.recall,
      f1: test.f1,
      loss: test.loss,
      macro: test.macro,
      weighted: test.weighted,
      confusionMatrix,
      labels: [...data.classNames],
    },
  };
}
