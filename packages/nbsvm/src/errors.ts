/** Every reason `@sentikit/nbsvm` rejects an input, told apart by a literal code. */
export type NbSvmErrorCode =
  /** Options do not parse (e.g. `ngrams: 0`, `c: -1`). */
  | 'INVALID_OPTIONS'
  /** Training data is unusable: no texts, texts and labels of different lengths, a label out of range. */
  | 'INVALID_DATA'
  /** A text to featurize or classify is not a string. */
  | 'INVALID_TEXT'
  /** A saved model file is missing, malformed or does not match its weights. */
  | 'INVALID_MODEL_FILE';

/** The one error type of `@sentikit/nbsvm`, named by `code`. */
export class NbSvmError extends Error {
  override readonly name = 'NbSvmError';
  /** What went wrong, as a stable literal. */
  readonly code: NbSvmErrorCode;

  constructor(code: NbSvmErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
  }
}
