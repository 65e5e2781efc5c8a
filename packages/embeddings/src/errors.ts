/** Why a call failed for a reason other than the content of a vectors file. */
export type EmbeddingsErrorCode =
  | 'INVALID_OPTIONS'
  | 'INVALID_VOCABULARY'
  | 'INVALID_ARGUMENT'
  | 'UNKNOWN_WORD'
  | 'FILE_NOT_FOUND'
  | 'READ_FAILED';

/** What is wrong with the content of a vectors file. */
export type EmbeddingsFormatErrorCode =
  /** The file (after decompression) holds no vectors, only whitespace or nothing. */
  | 'EMPTY_FILE'
  /** A `count dim` header is missing (format given) or unusable (dim 0 or over MAX_DIM). */
  | 'BAD_HEADER'
  /** The content disagrees with the `count dim` header: a line with another dim, or another word count. */
  | 'HEADER_MISMATCH'
  /** A line has a different number of values than the first vector line. */
  | 'INCONSISTENT_DIM'
  /** A line has a word but no values (or starts with a separator, so it has no word). */
  | 'MISSING_VALUES'
  /** A value is not a decimal number. */
  | 'BAD_NUMBER'
  /** A value is NaN or infinite, or overflows float32. */
  | 'NON_FINITE'
  /** A binary file ends inside a record, or before the number of words its header announces. */
  | 'TRUNCATED'
  /** The file starts like gzip but its compressed data is corrupt. */
  | 'CORRUPT_GZIP'
  /** A text line is longer than the parser accepts (likely not a vectors file). */
  | 'LINE_TOO_LONG';

/** Every error this package throws on purpose. `code` tells the cases apart. */
export class EmbeddingsError extends Error {
  override readonly name: string = 'EmbeddingsError';
  readonly code: EmbeddingsErrorCode | EmbeddingsFormatErrorCode;

  constructor(
    code: EmbeddingsErrorCode | EmbeddingsFormatErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.code = code;
  }
}

/** Where in a file a format error was found. */
export interface FormatErrorLocation {
  /** The file being read. */
  file: string;
  /** 1-based line number in the (decompressed) text, for text formats. */
  line?: number;
  /** 0-based byte offset in the (decompressed) content, for the binary format. */
  byteOffset?: number;
}

/**
 * The content of a vectors file is malformed. Carries the file and the 1-based `line` (text formats) or the
 * 0-based `byteOffset` in the decompressed content (binary format); the message names the problem.
 */
export class EmbeddingsFormatError extends EmbeddingsError {
  override readonly name: string = 'EmbeddingsFormatError';
  declare readonly code: EmbeddingsFormatErrorCode;
  /** The file being read. */
  readonly file: string;
  /** 1-based line number (text formats), else undefined. */
  readonly line: number | undefined;
  /** 0-based byte offset in the decompressed content (binary format), else undefined. */
  readonly byteOffset: number | undefined;

  constructor(code: EmbeddingsFormatErrorCode, where: FormatErrorLocation, problem: string) {
    const at =
      where.line !== undefined
        ? `${where.file}:${where.line}`
        : where.byteOffset !== undefined
          ? `${where.file} at byte ${where.byteOffset}`
          : where.file;
    super(code, `${at}: ${problem}`);
    this.file = where.file;
    this.line = where.line;
    this.byteOffset = where.byteOffset;
  }
}
