/** Every reason a metrics function rejects its input, told apart by a literal code. */
export type MetricsErrorCode =
  /** No samples were given (or an accumulator saw none). */
  | 'EMPTY_INPUT'
  /** Two inputs that must be aligned (labels, predictions, probabilities, rows) have different lengths. */
  | 'LENGTH_MISMATCH'
  /** A label is not an integer (e.g. `1.5`, `NaN`). */
  | 'INVALID_LABEL'
  /** A label (or an entry of the `labels` option) is outside `[0, numClasses)`. */
  | 'LABEL_OUT_OF_RANGE'
  /** A probability is not finite, is outside `[0, 1]`, or a probability row does not sum to ~1. */
  | 'INVALID_PROBABILITY'
  /** A ranking score is not a finite number. */
  | 'INVALID_SCORE'
  /** An option has a value the function cannot use (e.g. `beta < 0`, `digits` not an integer). */
  | 'INVALID_OPTION'
  /** The metric is not defined for this data (e.g. ROC-AUC with one class in `yTrue`). */
  | 'UNDEFINED_METRIC'
  /** An accumulator update or merge does not fit the data already held (class count, probability layout). */
  | 'INCOMPATIBLE_STATE'
  /** An accumulator snapshot does not have the expected shape or is inconsistent. */
  | 'INVALID_SNAPSHOT';

/** Options of {@link MetricsError}. */
export interface MetricsErrorOptions {
  /** Index of the offending sample (or row, or `labels` entry) when one is to blame. */
  index?: number;
  /** The underlying error, if any. */
  cause?: unknown;
}

/** The one error type of `@sentikit/metrics`: bad input or an undefined metric, named by `code`. */
export class MetricsError extends Error {
  override readonly name = 'MetricsError';
  /** What went wrong, as a stable literal. */
  readonly code: MetricsErrorCode;
  /** Index of the offending sample, row or option entry, when one is to blame. */
  readonly index: number | undefined;

  constructor(code: MetricsErrorCode, message: string, options: MetricsErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.index = options.index;
  }
}

/**
 * A non-fatal notice, e.g. a precision that is ill-defined and was set by the `zeroDivision: 'warn'` policy.
 * Packages never print: warnings go to an `onWarning` callback and, where the result is an object, into its
 * `warnings` field.
 */
export interface MetricsWarning {
  /** `UNDEFINED_METRIC`: a score was 0/0 and was set by the zero-division policy or a documented convention. */
  code: 'UNDEFINED_METRIC';
  /** Which score is affected. */
  metric: 'precision' | 'recall' | 'f-score' | 'average-precision' | 'roc-auc';
  /** Classes whose score was ill-defined (empty when the metric is not per class). */
  labels: number[];
  /** Human-readable text, worded like scikit-learn's `UndefinedMetricWarning`. */
  message: string;
}

/** Receives {@link MetricsWarning}s as they arise. */
export type WarningHandler = (warning: MetricsWarning) => void;
