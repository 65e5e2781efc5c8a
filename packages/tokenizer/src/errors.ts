/**
 * What went wrong, as a literal code callers can switch on:
 * - `INVALID_OPTIONS`: tokenizer, vocabulary or batch options failed validation.
 * - `INVALID_FORMAT`: a vocabulary or tokenizer file is not valid JSON or does not match the format.
 * - `UNSUPPORTED_VERSION`: a file has a format version this release cannot read.
 * - `INVALID_INPUT`: an argument is of the wrong kind (a text that is not a string, an id out of range).
 * - `IO_ERROR`: a file could not be read or written.
 */
export type TokenizerErrorCode =
  | 'INVALID_OPTIONS'
  | 'INVALID_FORMAT'
  | 'UNSUPPORTED_VERSION'
  | 'INVALID_INPUT'
  | 'IO_ERROR';

/** The one error class of `@sentikit/tokenizer`: a message naming the problem, a literal `code` and a `cause`. */
export class TokenizerError extends Error {
  override readonly name = 'TokenizerError';
  /** Which kind of problem this is; see {@link TokenizerErrorCode}. */
  readonly code: TokenizerErrorCode;

  constructor(code: TokenizerErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
