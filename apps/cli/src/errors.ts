/**
 * What went wrong, as a literal code the exit-code mapping and tests switch on:
 * - `USAGE`: bad command line (unknown option, bad value); the usage is printed with the message.
 * - `INVALID_CONFIG`: the options (command line merged with `--config`) failed validation, or the config file
 *   is missing or not JSON; the usage is printed with the message.
 * - `DATA_NOT_FOUND`: no dataset where one was looked for.
 * - `UNSUPPORTED_FORMAT`: a data file whose format cannot be told from its name, or a bad `--format`.
 * - `BAD_RECORD`: a bad row (invalid JSON, missing field, unknown label, empty text, wrong column count)
 *   under `--strict`, or a file that cannot be read as its format at all (e.g. a CSV header without the column).
 * - `DOWNLOAD_FAILED`: the server refused, the connection broke or the download was truncated.
 * - `CHECKSUM_MISMATCH`: the downloaded archive's SHA-256 is not the expected one.
 * - `ARCHIVE_INVALID`: the archive could not be extracted or lacks the expected folders.
 * - `NO_ROWS`: a data file with no usable row (all skipped, or none at all).
 * - `BAD_EMBEDDINGS`: the `--embeddings` file is missing, unreadable or not word vectors.
 * - `BAD_CHECKPOINT`: `--resume` found a checkpoint of another run, or a damaged one.
 * - `INTERRUPTED_SIGINT` / `INTERRUPTED_SIGTERM`: the run was stopped by Ctrl-C or `kill` (a checkpoint was
 *   saved); exit 130 / 143, as a shell reports a process those signals ended.
 */
export type CliErrorCode =
  | 'USAGE'
  | 'INVALID_CONFIG'
  | 'DATA_NOT_FOUND'
  | 'UNSUPPORTED_FORMAT'
  | 'BAD_RECORD'
  | 'DOWNLOAD_FAILED'
  | 'CHECKSUM_MISMATCH'
  | 'ARCHIVE_INVALID'
  | 'NO_ROWS'
  | 'BAD_EMBEDDINGS'
  | 'BAD_CHECKPOINT'
  | 'INTERRUPTED_SIGINT'
  | 'INTERRUPTED_SIGTERM';

/** Codes that mean the user called the command wrongly: the usage is printed before the message. */
export const usageErrorCodes: ReadonlySet<CliErrorCode> = new Set(['USAGE', 'INVALID_CONFIG']);

/** The process exit code for each error code: 1 for the user's command line or data, 128 + n for signal n. */
export const exitCodeFor: Readonly<Record<CliErrorCode, 1 | 130 | 143>> = {
  USAGE: 1,
  INVALID_CONFIG: 1,
  DATA_NOT_FOUND: 1,
  UNSUPPORTED_FORMAT: 1,
  BAD_RECORD: 1,
  DOWNLOAD_FAILED: 1,
  CHECKSUM_MISMATCH: 1,
  ARCHIVE_INVALID: 1,
  NO_ROWS: 1,
  BAD_EMBEDDINGS: 1,
  BAD_CHECKPOINT: 1,
  INTERRUPTED_SIGINT: 130,
  INTERRUPTED_SIGTERM: 143,
};

/** An expected failure of the CLI: its message is shown to the user as is, its code picks the exit code. */
export class CliError extends Error {
  override readonly name = 'CliError';
  /** What went wrong; see {@link CliErrorCode}. */
  readonly code: CliErrorCode;

  constructor(code: CliErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** Whether `error` is a {@link CliError}, optionally with the given code. */
export function isCliError(error: unknown, code?: CliErrorCode): error is CliError {
  return error instanceof CliError && (code === undefined || error.code === code);
}
