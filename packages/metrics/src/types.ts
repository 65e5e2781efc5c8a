/** A 1-D numeric input: a plain array or one of the typed arrays a model hands back. */
export type NumericArray = readonly number[] | Int32Array | Float32Array | Float64Array;

/** One row of class probabilities. */
export type ProbabilityRow = readonly number[] | Float32Array | Float64Array;

/**
 * Predicted probabilities, in one of three layouts (n = number of samples, C = number of classes):
 * - a flat array of length n: binary, the probability of the positive class (label 1) per sample;
 * - a flat array of length n × C (C ≥ 2): row-major, `p[i * C + j]` = P(sample i is class j);
 * - an array of n rows, each of length C ≥ 2.
 * Which flat layout is meant follows from the length and the number of labels; any other length is a
 * `LENGTH_MISMATCH`. For binary metrics (ROC-AUC, AP, Brier, positive-class ECE) C must be 2 and column 1
 * is the positive class.
 */
export type ProbabilityInput = NumericArray | readonly ProbabilityRow[];

/**
 * What a precision, recall or F-score is when its denominator is 0, as scikit-learn's `zero_division`:
 * `'warn'` acts as 0 and reports a {@link MetricsWarning}; `0` and `1` set that value silently; `'nan'` sets
 * NaN, and averages then skip the NaN entries (NaN only if all are NaN).
 */
export type ZeroDivision = 'warn' | 0 | 1 | 'nan';

/**
 * How per-class scores are combined, as scikit-learn's `average`:
 * `'binary'`: the score of `posLabel` only; `'micro'`: from the summed counts over the labels;
 * `'macro'`: the unweighted mean of the per-class scores; `'weighted'`: the mean weighted by support.
 */
export type Average = 'binary' | 'micro' | 'macro' | 'weighted';

/** Normalised probabilities: what validation hands to the metric cores and what accumulators store. */
export interface ProbabilityTable {
  /** `positive`: one positive-class probability per sample; `rows`: `columns` values per sample. */
  layout: 'positive' | 'rows';
  /** 1 for `positive`, else the number of classes. */
  columns: number;
  /** Row-major values. */
  values: Float64Array;
}
