import { type Counts, countPair, type LabelOptions, presentLabels, readPair } from './confusion-matrix.ts';
import { MetricsError, type WarningHandler } from './errors.ts';
import { scoresFromCounts } from './precision-recall-f.ts';
import type { AveragedScores, ClassScores } from './prf-core.ts';
import { formatFixed, rightAlign } from './python-format.ts';
import type { NumericArray, ZeroDivision } from './types.ts';
import { checkInteger, checkLabelList } from './validate.ts';

/** Options of {@link classificationReport} and {@link classificationReportDict}. */
export interface ClassificationReportOptions extends LabelOptions {
  /**
   * Classes to report, in this order. When given and not equal to the set of classes present, the micro
   * average is shown as "micro avg" instead of "accuracy" (as scikit-learn).
   * @default the classes present in yTrue or yPred, ascending
   */
  labels?: readonly number[];
  /** Display names, one per reported class, in the order of `labels`. @default the class numbers */
  targetNames?: readonly string[];
  /** Decimal places of the scores in the text report (exact ties round to even, as Python). @default 2 */
  digits?: number;
  /** Value of an ill-defined precision/recall/F1; see {@link ZeroDivision}. @default 'warn' */
  zeroDivision?: ZeroDivision;
  /** Called with each zero-division warning of the per-class scores. @default undefined */
  onWarning?: WarningHandler;
}

/** One row of the report: a class or an average. */
export interface ReportRow {
  /** tp / (tp + fp) (averaged for average rows). */
  precision: number;
  /** tp / (tp + fn) (averaged for average rows). */
  recall: number;
  /** F1 (averaged for average rows). */
  'f1-score': number;
  /** Samples of the class (or of all reported classes, for averages) in yTrue. */
  support: number;
}

/**
 * The report as scikit-learn's `classification_report(output_dict=True)`: one {@link ReportRow} per class
 * name, then `accuracy` (a number) or `micro avg`, then `macro avg` and `weighted avg`. Note that JavaScript
 * lists integer-like keys ("0", "1", …) first and ascending whatever the `labels` order.
 */
export type ClassificationReportDict = {
  [name: string]: ReportRow | number;
} & {
  accuracy?: number;
  'micro avg'?: ReportRow;
  'macro avg': ReportRow;
  'weighted avg': ReportRow;
};

interface ReportData {
  names: string[];
  perClass: ClassScores;
  averages: { heading: string; scores: AveragedScores }[];
}

/** Computes everything the report shows from counts. */
export function reportData(c: Counts, options: ClassificationReportOptions): ReportData {
  const given = options.labels !== undefined;
  const labels = options.labels ? checkLabelList(options.labels, c.k) : presentLabels(c);
  const present = presentLabels(c);
  const microIsAccuracy =
    !given || (labels.length === present.length && present.every((l) => labels.includes(l)));
  const names = options.targetNames ? [...options.targetNames] : labels.map(String);
  if (names.length !== labels.length) {
    throw new MetricsError(
      'INVALID_OPTION',
      `targetNames has ${names.length} names for ${labels.length} classes (${labels.join(', ')})`,
    );
  }
  const common = { labels, zeroDivision: options.zeroDivision ?? 'warn' } as const;
  const all = ['precision', 'recall', 'f-score'] as const;
  const perClass = scoresFromCounts(
    c,
    { ...common, average: null, onWarning: options.onWarning },
    all,
  ) as ClassScores;
  const averages = (['micro', 'macro', 'weighted'] as const).map((average) => ({
    heading: average === 'micro' && microIsAccuracy ? 'accuracy' : `${average} avg`,
    scores: scoresFromCounts(
      c,
      { ...common, average, onWarning: average === 'micro' ? options.onWarning : undefined },
      all,
    ) as AveragedScores,
  }));
  return { names, perClass, averages };
}

/** Renders report data in scikit-learn's `classification_report` text layout. */
export function reportText(data: ReportData, digitsOption: number | undefined): string {
  const digits = checkInteger(digitsOption ?? 2, 'digits', 0);
  const width = Math.max(...data.names.map((n) => n.length), 'weighted avg'.length, digits);
  const cell = (s: string) => ` ${rightAlign(s, 9)}`;
  const num = (v: number) => cell(formatFixed(v, digits));
  const row = (name: string, p: number, r: number, f: number, s: number) =>
    `${rightAlign(name, width)} ${num(p)}${num(r)}${num(f)}${cell(String(s))}\n`;
  let out = `${' '.repeat(width)} ${['precision', 'recall', 'f1-score', 'support'].map(cell).join('')}\n\n`;
  const pc = data.perClass;
  data.names.forEach((name, i) => {
    out += row(
      name,
      pc.precision[i] as number,
      pc.recall[i] as number,
      pc.fScore[i] as number,
      pc.support[i] as number,
    );
  });
  out += '\n';
  for (const { heading, scores } of data.averages) {
    out +=
      heading === 'accuracy'
        ? `${rightAlign(heading, width)} ${cell('')}${cell('')}${num(scores.fScore)}${cell(String(scores.support))}\n`
        : row(heading, scores.precision, scores.recall, scores.fScore, scores.support);
  }
  return out;
}

/** Renders report data as scikit-learn's `output_dict=True` structure. */
export function reportDict(data: ReportData): ClassificationReportDict {
  const out: Record<string, ReportRow | number> = {};
  const pc = data.perClass;
  data.names.forEach((name, i) => {
    out[name] = {
      precision: pc.precision[i] as number,
      recall: pc.recall[i] as number,
      'f1-score': pc.fScore[i] as number,
      support: pc.support[i] as number,
    };
  });
  for (const { heading, scores } of data.averages) {
    out[heading] =
      heading === 'accuracy'
        ? scores.precision
        : {
            precision: scores.precision,
            recall: scores.recall,
            'f1-score': scores.fScore,
            support: scores.support,
          };
  }
  return out as ClassificationReportDict;
}

function countsFor(yTrue: NumericArray, yPred: NumericArray, options: ClassificationReportOptions): Counts {
  return countPair(readPair(yTrue, yPred, options, options.labels ?? []));
}

/**
 * Text report of per-class precision, recall, F1 and support, then accuracy, macro and weighted averages,
 * laid out exactly as scikit-learn's `classification_report` (same widths, alignment and rounding).
 * @example const text = classificationReport(yTrue, yPred, { targetNames: ['negative', 'positive'] });
 */
export function classificationReport(
  yTrue: NumericArray,
  yPred: NumericArray,
  options: ClassificationReportOptions = {},
): string {
  checkInteger(options.digits ?? 2, 'digits', 0);
  return reportText(reportData(countsFor(yTrue, yPred, options), options), options.digits);
}

/** The classification report as data: scikit-learn's `classification_report(output_dict=True)`. */
export function classificationReportDict(
  yTrue: NumericArray,
  yPred: NumericArray,
  options: ClassificationReportOptions = {},
): ClassificationReportDict {
  return reportDict(reportData(countsFor(yTrue, yPred, options), options));
}
