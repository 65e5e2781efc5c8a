/** What went wrong, as a literal code callers can switch on. */
export type SentimentErrorCode =
  | 'INVALID_ARGUMENT'
  | 'INVALID_CONFIG'
  | 'ARTIFACT_MISSING'
  | 'ARTIFACT_CORRUPT'
  | 'ARTIFACT_VERSION'
  | 'CHECKPOINT_MISMATCH'
  | 'ABORTED';

/**
 * The one error class of `@sentikit/sentiment`: a literal `code`, a message naming the problem and the fix,
 * and its `cause`.
 */
export class SentimentError extends Error {
  override readonly name = 'SentimentError';
  /** Machine-readable reason. */
  readonly code: SentimentErrorCode;

  constructor(code: SentimentErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
