import { DatasetError } from './errors.ts';
import type { LabelParser } from './labels.ts';

/** One text read from a dataset, with its label when the row has one (see `readTexts`). */
export interface TextRecord {
  /** The text, as in the file (not trimmed or normalised). */
  text: string;
  /** The class index, `0..classNames.length-1`; absent when the row has no label. */
  label?: number;
  /** Where it came from, as `file:line` (line 1 for one-text files such as aclImdb's). */
  source: string;
}

/** One labelled text read from a dataset. */
export interface LabeledRecord extends TextRecord {
  /** The class index, `0..classNames.length-1`. */
  label: number;
}

/** Whether a record has its label (always, from a reader that requires labels). */
export function isLabeled(record: TextRecord): record is LabeledRecord {
  return record.label !== undefined;
}

/**
 * Why a row was skipped: `quoting` (a malformed or unclosed quote), `columns` (a wrong number of fields),
 * `json` (not a JSON object), `text` (missing, not a string or empty), `label` (missing), `unknown-label`
 * (not in the label map).
 */
export type SkipReason = 'quoting' | 'columns' | 'json' | 'text' | 'label' | 'unknown-label';

/** What a reader saw; complete once the records have been iterated to the end. */
export interface ReadSummary {
  /** Records yielded (kept). */
  read: number;
  /** Bad rows skipped (always 0 under `strict`, which throws instead). */
  skipped: number;
  /** Skipped rows by reason; `read + skipped` rows were seen (blank lines and a header are not rows). */
  skippedBy: Partial<Record<SkipReason, number>>;
  /** The first bad rows as `file:line: problem`, at most `maxExamples` of them. */
  examples: string[];
}

/** How a reader treats labels; see {@link ReadOptions.labelMode}. */
export type LabelMode = 'required' | 'optional' | 'ignored';

/** Options every reader takes. */
export interface ReadOptions {
  /** Turns raw labels into class indices; see `createLabelParser`. */
  labels: LabelParser;
  /**
   * Whether a bad row is fatal (a `BAD_RECORD` DatasetError) rather than counted and skipped.
   * @default false
   */
  strict?: boolean;
  /**
   * How many bad rows to keep as examples in the summary.
   * @default 5
   */
  maxExamples?: number;
  /** Called for every skipped bad row, with `file:line: problem`. */
  onSkip?: (problem: string) => void;
  /**
   * `required`: a row without a valid label is bad. `optional`: a row without a label is read without one (a
   * label that is there must still be valid). `ignored`: labels are not read at all.
   * @default 'required'
   */
  labelMode?: LabelMode;
}

/** The bad-row bookkeeping a reader shares: counts, examples, and the strict switch. */
export class RowChecker {
  readonly summary: ReadSummary = { read: 0, skipped: 0, skippedBy: {}, examples: [] };
  readonly #options: ReadOptions;

  constructor(options: ReadOptions) {
    this.#options = options;
  }

  /** Reports a bad row: throws under `strict`, else counts it (by `reason`) and keeps it as an example. */
  bad(source: string, problem: string, reason: SkipReason): void {
    const message = `${source}: ${problem}`;
    if (this.#options.strict) throw new DatasetError('BAD_RECORD', message);
    this.summary.skipped++;
    this.summary.skippedBy[reason] = (this.summary.skippedBy[reason] ?? 0) + 1;
    if (this.summary.examples.length < (this.#options.maxExamples ?? 5)) this.summary.examples.push(message);
    this.#options.onSkip?.(message);
  }

  /**
   * Checks a row's raw text and label; returns the record, or reports the problem and returns `undefined`.
   * `field` names the text and label where they came from (a JSON field or CSV column), for messages.
   */
  check(
    source: string,
    text: unknown,
    label: unknown,
    field: { text: string; label: string },
  ): TextRecord | undefined {
    if (text === undefined) return this.#fail(source, `missing ${field.text}`, 'text');
    if (typeof text !== 'string') return this.#fail(source, `${field.text} is not a string`, 'text');
    if (text.trim() === '') return this.#fail(source, 'empty text', 'text');
    const mode = this.#options.labelMode ?? 'required';
    if (mode === 'ignored' || label === undefined || label === null || label === '') {
      if (mode === 'required') return this.#fail(source, `missing ${field.label}`, 'label');
      this.summary.read++;
      return { text, source };
    }
    const index = this.#options.labels.parse(label);
    if (index === undefined) {
      const shown = typeof label === 'string' ? `"${label}"` : JSON.stringify(label);
      const accepted = this.#options.labels.accepted.join(', ');
      return this.#fail(source, `unknown label ${shown} (expected one of: ${accepted})`, 'unknown-label');
    }
    this.summary.read++;
    return { text, label: index, source };
  }

  #fail(source: string, problem: string, reason: SkipReason): undefined {
    this.bad(source, problem, reason);
    return undefined;
  }
}
