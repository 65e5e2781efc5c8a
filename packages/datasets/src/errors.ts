/**
 * What went wrong, as a literal code callers can switch on:
 * - `DATA_NOT_FOUND`: no dataset where one was looked for.
 * - `UNSUPPORTED_FORMAT`: a data file whose format cannot be told from its name, or a bad format option.
 * - `BAD_RECORD`: a bad row under `strict`, or a file that cannot be read as its format at all (e.g. a CSV
 *   header without the column).
 * - `INVALID_LABEL_MAP`: a label map that is not `name=index` pairs over `0..k-1`.
 * - `INVALID_ARGUMENT`: an option out of range (e.g. a validation fraction of 1).
 * - `DOWNLOAD_FAILED`: the server refused, the connection broke or the download was truncated.
 * - `CHECKSUM_MISMATCH`: the downloaded archive's SHA-256 is not the expected one.
 * - `ARCHIVE_INVALID`: the archive could not be extracted or lacks the expected folders.
 */
export type DatasetErrorCode =
  | 'DATA_NOT_FOUND'
  | 'UNSUPPORTED_FORMAT'
  | 'BAD_RECORD'
  | 'INVALID_LABEL_MAP'
  | 'INVALID_ARGUMENT'
  | 'DOWNLOAD_FAILED'
  | 'CHECKSUM_MISMATCH'
  | 'ARCHIVE_INVALID';

/** The one error class of `@sentikit/datasets`: a literal `code`, a message naming the problem, its `cause`. */
export class DatasetError extends Error {
  override readonly name = 'DatasetError';
  /** What went wrong; see {@link DatasetErrorCode}. */
  readonly code: DatasetErrorCode;

  constructor(code: DatasetErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** Whether `error` is a {@link DatasetError}, optionally with the given code. */
export function isDatasetError(error: unknown, code?: DatasetErrorCode): error is DatasetError {
  return error instanceof DatasetError && (code === undefined || error.code === code);
}
