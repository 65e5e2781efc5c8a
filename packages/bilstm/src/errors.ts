/** What went wrong, as a literal code callers can switch on. */
export type BilstmErrorCode =
  | 'BACKEND_UNAVAILABLE'
  | 'INVALID_ARGUMENT'
  | 'SHAPE_MISMATCH'
  | 'ENGINE_FAILED'
  | 'INVALID_CONFIG'
  | 'ARTIFACT_MISSING'
  | 'ARTIFACT_CORRUPT'
  | 'ARTIFACT_VERSION'
  | 'ABORTED';

/** The one error class of `@sentikit/bilstm`: a literal `code`, a message naming the problem, and its `cause`. */
export class BilstmError extends Error {
  override readonly name = 'BilstmError';
  /** Machine-readable reason. */
  readonly code: BilstmErrorCode;

  constructor(code: BilstmErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
