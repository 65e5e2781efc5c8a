/** What went wrong, as a literal code callers can switch on. */
export type BiLstmErrorCode =
  | 'BACKEND_UNAVAILABLE'
  | 'INVALID_ARGUMENT'
  | 'SHAPE_MISMATCH'
  | 'ENGINE_FAILED'
  /** The direction worker thread died or missed its deadline; the engine refuses all later calls. */
  | 'WORKER_STOPPED'
  | 'INVALID_CONFIG';

/** The one error class of `@sentikit/bilstm`: a literal `code`, a message naming the problem, and its `cause`. */
export class BiLstmError extends Error {
  override readonly name = 'BiLstmError';
  /** Machine-readable reason. */
  readonly code: BiLstmErrorCode;

  constructor(code: BiLstmErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
