import { type AccumulatorBatch, AccumulatorState } from './accumulator-state.ts';
import { accuracyFromCounts, mccFromCounts } from './accuracy-mcc.ts';
import { binsFromTable, type CalibrationBin, type CalibrationOptions, eceFromTable } from './calibration.ts';
import { type Counts, matrixOf, requireSamples } from './confusion-matrix.ts';
import { MetricsError, type MetricsWarning, type WarningHandler } from './errors.ts';
import { type FscoreOptions, pick, scoresFromCounts } from './precision-recall-f.ts';
import type { AveragedScores, ClassScores } from './prf-core.ts';
import {
  brierFromTable,
  checkEps,
  LOG_LOSS_EPS,
  type LogLossOptions,
  logLossFromTable,
} from './probabilistic.ts';
import { averagePrecisionFromScores, type BinaryScores, rocAucFromScores } from './ranking.ts';
import {
  type ClassificationReportDict,
  type ClassificationReportOptions,
  reportData,
  reportDict,
  reportText,
} from './report.ts';
import { type AccumulatorSnapshot, fromSnapshot, toSnapshot } from './snapshot.ts';
import type { Average } from './types.ts';
import { checkNumClasses, positiveColumn, type ReadProbabilityOptions } from './validate.ts';

/** Options of the accumulator's precision and recall. */
export type ScoreOptions = Omit<FscoreOptions, 'numClasses' | 'beta'>;

/** `number[]` when the options ask for per-class scores (`average: null`), else `number`. */
export type ScoreOf<O> = O extends { average: null } ? number[] : number;

/** Options of {@link MetricsAccumulator}. */
export interface AccumulatorOptions extends ReadProbabilityOptions {
  /** Number of classes; every label must lie in [0, numClasses). Binary is 2. */
  numClasses: number;
}

/** Options of {@link MetricsAccumulator.compute}. */
export interface ComputeOptions extends Omit<FscoreOptions, 'average' | 'labels' | 'numClasses'> {
  /** Average of precision, recall and F. @default 'binary' for 2 classes, else 'macro' */
  average?: Average;
  /** Clipping of the log loss. @default 2.220446049250313e-16 */
  eps?: number;
  /** Bins of the expected calibration error. @default 10 */
  nBins?: number;
  /** What the expected calibration error bins (see CalibrationOptions). @default 'max' */
  confidence?: CalibrationOptions['confidence'];
}

/** Everything {@link MetricsAccumulator.compute} reports; `null` where a metric does not apply. */
export interface MetricsSummary {
  /** Samples seen. */
  count: number;
  /** Rows = true class, columns = predicted class. */
  confusionMatrix: number[][];
  /** Share of correct predictions. */
  accuracy: number;
  /** Precision under `average` (the positive class for two classes by default). */
  precision: number;
  /** Recall under `average`. */
  recall: number;
  /** F-beta (F1 unless `beta` is given) under `average`. */
  fScore: number;
  /** Matthews correlation coefficient. */
  matthewsCorrcoef: number;
  /** `null` without probabilities. */
  logLoss: number | null;
  /** Binary with probabilities only. */
  brierScore: number | null;
  /** Binary with probabilities only; `null` (with a warning) when only one class occurred. */
  rocAuc: number | null;
  /** Binary with probabilities only. */
  averagePrecision: number | null;
  /** `null` without probabilities. */
  expectedCalibrationError: number | null;
  /** Zero-division and undefined-metric warnings. */
  warnings: MetricsWarning[];
}

/**
 * Streaming metrics: `update()` with each batch (labels with predictions and/or probabilities), `merge()`
 * accumulators of parallel workers (in any order), then read any metric or `compute()` them all. Results
 * equal the one-shot functions on the concatenated data bit for bit: counts are kept exactly, and the
 * probabilities are kept per sample (ROC-AUC and AP need every score), with all sums rounded once.
 * Memory: k² counts plus (1 + C) numbers per sample when probabilities are given.
 */
export class MetricsAccumulator {
  private state: AccumulatorState;
  private readonly readOptions: ReadProbabilityOptions;

  constructor(options: AccumulatorOptions) {
    this.state = new AccumulatorState(checkNumClasses(options.numClasses, 2));
    this.readOptions = { rowSumTolerance: options.rowSumTolerance };
  }

  /** Rebuilds an accumulator from {@link MetricsAccumulator.toSnapshot} output (validated; `INVALID_SNAPSHOT`). */
  static fromSnapshot(snapshot: unknown, options: ReadProbabilityOptions = {}): MetricsAccumulator {
    const state = fromSnapshot(snapshot, options);
    const acc = new MetricsAccumulator({ numClasses: state.numClasses, ...options });
    acc.state = state;
    return acc;
  }

  /** Number of classes. */
  get numClasses(): number {
    return this.state.numClasses;
  }

  /** Samples seen so far. */
  get count(): number {
    return this.state.count;
  }

  /** Adds a batch; validated completely first, so a rejected batch changes nothing. Empty batches are no-ops. */
  update(batch: AccumulatorBatch): this {
    this.state.add(batch, this.readOptions);
    return this;
  }

  /** Adds everything `other` has seen (`other` is unchanged). Same numClasses and probability layout needed. */
  merge(other: MetricsAccumulator): this {
    this.state.merge(other.state);
    return this;
  }

  /** Plain-JSON state, e.g. to send from a worker thread; restore with {@link MetricsAccumulator.fromSnapshot}. */
  toSnapshot(): AccumulatorSnapshot {
    return toSnapshot(this.state);
  }

  private counts(): Counts {
    requireSamples(this.state.counts);
    return this.state.counts;
  }

  private binary(): BinaryScores {
    const data = this.state.probabilities();
    return { labels: data.labels, scores: positiveColumn(data.table, 'probabilities') };
  }

  /** See the one-shot `confusionMatrix`. */
  confusionMatrix(labels?: readonly number[]): number[][] {
    return matrixOf(this.counts(), labels);
  }

  /** See the one-shot `accuracy`. */
  accuracy(): number {
    return accuracyFromCounts(this.counts());
  }

  /** See the one-shot `matthewsCorrcoef`. */
  matthewsCorrcoef(): number {
    return mccFromCounts(this.counts());
  }

  /** See the one-shot `precisionRecallFscore`. */
  precisionRecallFscore(options: Omit<FscoreOptions, 'numClasses'> & { average: null }): ClassScores;
  precisionRecallFscore(options?: Omit<FscoreOptions, 'numClasses'> & { average?: Average }): AveragedScores;
  precisionRecallFscore(options?: Omit<FscoreOptions, 'numClasses'>): ClassScores | AveragedScores;
  precisionRecallFscore(options: Omit<FscoreOptions, 'numClasses'> = {}): ClassScores | AveragedScores {
    return scoresFromCounts(this.counts(), options, ['precision', 'recall', 'f-score']);
  }

  /** See the one-shot `precision`: a number, or one per class with `average: null`. */
  precision<O extends ScoreOptions>(options?: O): ScoreOf<O> {
    return pick(scoresFromCounts(this.counts(), options ?? {}, ['precision']), 'precision') as ScoreOf<O>;
  }

  /** See the one-shot `recall`: a number, or one per class with `average: null`. */
  recall<O extends ScoreOptions>(options?: O): ScoreOf<O> {
    return pick(scoresFromCounts(this.counts(), options ?? {}, ['recall']), 'recall') as ScoreOf<O>;
  }

  /** See the one-shot `fbetaScore` (F1 with the default beta 1): a number, or one per class with `average: null`. */
  fScore<O extends ScoreOptions & { beta?: number }>(options?: O): ScoreOf<O> {
    return pick(scoresFromCounts(this.counts(), options ?? {}, ['f-score']), 'fScore') as ScoreOf<O>;
  }

  /** See the one-shot `rocAucScore`. */
  rocAucScore(): number {
    return rocAucFromScores(this.binary());
  }

  /** See the one-shot `averagePrecisionScore`. */
  averagePrecisionScore(options: { onWarning?: WarningHandler } = {}): number {
    return averagePrecisionFromScores(this.binary(), options.onWarning);
  }

  /** See the one-shot `logLoss`. */
  logLoss(options: Pick<LogLossOptions, 'eps'> = {}): number {
    const eps = checkEps(options.eps ?? LOG_LOSS_EPS);
    return logLossFromTable(this.state.probabilities(), eps);
  }

  /** See the one-shot `brierScore`. */
  brierScore(): number {
    return brierFromTable(this.state.probabilities());
  }

  /** See the one-shot `expectedCalibrationError`. */
  expectedCalibrationError(options: Omit<CalibrationOptions, 'rowSumTolerance'> = {}): number {
    return eceFromTable(this.state.probabilities(), options);
  }

  /** See the one-shot `calibrationBins`. */
  calibrationBins(options: Omit<CalibrationOptions, 'rowSumTolerance'> = {}): CalibrationBin[] {
    return binsFromTable(this.state.probabilities(), options);
  }

  /** See the one-shot `classificationReport`. */
  classificationReport(options: Omit<ClassificationReportOptions, 'numClasses'> = {}): string {
    return reportText(reportData(this.counts(), options), options.digits);
  }

  /** See the one-shot `classificationReportDict`. */
  classificationReportDict(
    options: Omit<ClassificationReportOptions, 'numClasses'> = {},
  ): ClassificationReportDict {
    return reportDict(reportData(this.counts(), options));
  }

  /** Every metric at once, e.g. per validation epoch; probability metrics are `null` without probabilities. */
  compute(options: ComputeOptions = {}): MetricsSummary {
    const warnings: MetricsWarning[] = [];
    const onWarning = (w: MetricsWarning) => {
      warnings.push(w);
      options.onWarning?.(w);
    };
    const k = this.numClasses;
    const average = options.average ?? (k === 2 ? 'binary' : 'macro');
    const scores = scoresFromCounts(this.counts(), { ...options, average, onWarning }, [
      'precision',
      'recall',
      'f-score',
    ]) as AveragedScores;
    const hasProbabilities = Boolean(this.state.layout);
    const binary = hasProbabilities && k === 2;
    return {
      count: this.count,
      confusionMatrix: this.confusionMatrix(),
      accuracy: this.accuracy(),
      precision: scores.precision,
      recall: scores.recall,
      fScore: scores.fScore,
      matthewsCorrcoef: this.matthewsCorrcoef(),
      logLoss: hasProbabilities ? this.logLoss({ eps: options.eps }) : null,
      brierScore: binary ? this.brierScore() : null,
      rocAuc: binary ? this.safeRocAuc(onWarning) : null,
      averagePrecision: binary ? this.averagePrecisionScore({ onWarning }) : null,
      expectedCalibrationError: hasProbabilities
        ? this.expectedCalibrationError({ nBins: options.nBins, confidence: options.confidence })
        : null,
      warnings,
    };
  }

  private safeRocAuc(onWarning: WarningHandler): number | null {
    try {
      return this.rocAucScore();
    } catch (error) {
      if (!(error instanceof MetricsError) || error.code !== 'UNDEFINED_METRIC') throw error;
      onWarning({ code: 'UNDEFINED_METRIC', metric: 'roc-auc', labels: [], message: error.message });
      return null;
    }
  }
}
