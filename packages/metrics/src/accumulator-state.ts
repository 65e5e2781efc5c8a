import { addPairs, type Counts, emptyCounts } from './confusion-matrix.ts';
import { MetricsError } from './errors.ts';
import { argmaxOfTable } from './predictions.ts';
import type { LabelledProbabilities } from './probabilistic.ts';
import type { NumericArray, ProbabilityInput, ProbabilityTable } from './types.ts';
import {
  checkPair,
  type ReadProbabilityOptions,
  readLabels,
  readProbabilities,
  tableClasses,
} from './validate.ts';

/** One batch given to `MetricsAccumulator.update`. */
export interface AccumulatorBatch {
  /** True class of each sample, in [0, numClasses). */
  yTrue: NumericArray;
  /** Predicted class of each sample. @default argmax of `probabilities` (binary: p > 0.5 → 1) */
  yPred?: NumericArray;
  /**
   * Predicted probabilities (see ProbabilityInput). Give them in every batch or in none: probability metrics
   * need them for every sample, and the layout (positive-class vector or rows) must not change.
   * @default undefined (no probability metrics)
   */
  probabilities?: ProbabilityInput;
}

/** Probability layout an accumulator has committed to. */
export interface Layout {
  /** Positive-class vector or rows. */
  layout: ProbabilityTable['layout'];
  /** 1 for a positive-class vector, else the number of classes. */
  columns: number;
}

/** The data an accumulator holds: counts for count metrics, labels and probabilities for the others. */
export class AccumulatorState {
  readonly counts: Counts;
  count = 0;
  /** `undefined` until the first non-empty batch; `null` when batches carry no probabilities. */
  layout: Layout | null | undefined = undefined;
  labels: number[] = [];
  values: number[] = [];
  private cache: LabelledProbabilities | undefined;

  constructor(readonly numClasses: number) {
    this.counts = emptyCounts(numClasses);
  }

  /** Throws `INCOMPATIBLE_STATE` unless `next` fits the committed layout. */
  checkLayout(next: Layout | null, what: string): void {
    if (this.layout === undefined || next === undefined) return;
    const same =
      this.layout === null || next === null
        ? this.layout === next
        : this.layout.layout === next.layout && this.layout.columns === next.columns;
    if (!same) {
      throw new MetricsError(
        'INCOMPATIBLE_STATE',
        `${what} ${describe(next)} but the accumulator holds ${describe(this.layout)}; give probabilities in every batch or none, in one layout`,
      );
    }
  }

  /** Validates a batch completely, then adds it (all or nothing). */
  add(batch: AccumulatorBatch, options: ReadProbabilityOptions): void {
    const { yTrue, yPred, probabilities } = batch;
    if (yPred === undefined && probabilities === undefined) {
      throw new MetricsError('INVALID_OPTION', 'a batch needs yPred, probabilities or both');
    }
    const n = yTrue.length;
    if (yPred !== undefined && n > 0) checkPair(yTrue, 'yTrue', yPred, 'yPred');
    if (n === 0) {
      if (yPred !== undefined && yPred.length !== 0) {
        throw new MetricsError('LENGTH_MISMATCH', 'yTrue is empty but yPred is not');
      }
      if (probabilities !== undefined && probabilities.length !== 0) {
        throw new MetricsError('LENGTH_MISMATCH', 'yTrue is empty but probabilities are not');
      }
      return;
    }
    const { labels } = readLabels(yTrue, 'yTrue', this.numClasses);
    const table =
      probabilities === undefined ? null : readProbabilities(probabilities, n, 'probabilities', options);
    if (table && tableClasses(table) !== this.numClasses) {
      throw new MetricsError(
        'INCOMPATIBLE_STATE',
        `probabilities describe ${tableClasses(table)} classes but the accumulator has numClasses ${this.numClasses}`,
      );
    }
    const layout = table ? { layout: table.layout, columns: table.columns } : null;
    this.checkLayout(layout, 'this batch has');
    const predicted =
      yPred === undefined
        ? argmaxOfTable(table as ProbabilityTable)
        : readLabels(yPred, 'yPred', this.numClasses).labels;
    this.cache = undefined;
    addPairs(this.counts, labels, predicted);
    this.count += n;
    this.layout = layout;
    if (table) {
      for (const l of labels) this.labels.push(l);
      for (const v of table.values) this.values.push(v);
    }
  }

  /** Adds another state's data (not modifying it). */
  merge(other: AccumulatorState): void {
    if (other.numClasses !== this.numClasses) {
      throw new MetricsError(
        'INCOMPATIBLE_STATE',
        `cannot merge an accumulator of ${other.numClasses} classes into one of ${this.numClasses}`,
      );
    }
    if (other.count === 0) return;
    this.checkLayout(other.layout ?? null, 'the other accumulator has');
    const labels = other.labels.slice();
    const values = other.values.slice();
    this.cache = undefined;
    other.counts.m.forEach((v, i) => {
      this.counts.m[i] = (this.counts.m[i] as number) + v;
    });
    this.count += other.count;
    this.layout = other.layout;
    for (const l of labels) this.labels.push(l);
    for (const v of values) this.values.push(v);
  }

  /** Labels and probabilities for the probability metrics (cached until the next change); `EMPTY_INPUT` without any. */
  probabilities(): LabelledProbabilities {
    if (!this.layout) {
      throw new MetricsError(
        'EMPTY_INPUT',
        this.count === 0
          ? 'no samples have been given'
          : 'no probabilities have been given to this accumulator',
      );
    }
    this.cache ??= {
      labels: Int32Array.from(this.labels),
      table: { ...this.layout, values: Float64Array.from(this.values) },
    };
    return this.cache;
  }
}

function describe(layout: Layout | null | undefined): string {
  if (!layout) return 'no probabilities';
  return layout.layout === 'positive'
    ? 'positive-class probabilities'
    : `probability rows of ${layout.columns}`;
}
