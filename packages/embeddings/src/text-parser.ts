import { MAX_DIM } from './detect-format.ts';
import { EmbeddingsFormatError } from './errors.ts';
import { BAD_NUMBER, countSpaces, countValues, failEnd, failStart, parseValues } from './parse-values.ts';
import type { VectorSink } from './vector-sink.ts';

/** Longest text line accepted; a longer one means the file is not a vectors file. */
export const MAX_LINE_BYTES = 64 << 20;

/** What a text parse found. */
export interface TextParseResult {
  dim: number;
  /** Vector lines read (duplicates and skipped words included). */
  records: number;
  /** Lines in the file (the header included). */
  lines: number;
}

/**
 * Parses GloVe text (`word v1 … vD` per line, no header) or word2vec/fastText text (a `count dim` first line)
 * from chunks of bytes. Lines are split on newline bytes and only complete lines are decoded, so a UTF-8
 * character split across chunks is never damaged. CRLF, trailing separators, blank lines and a missing final
 * newline are accepted. The word ends at the first space or tab.
 */
export class TextParser {
  private line = 0;
  private dim = -1;
  private records = 0;
  private headerCount = -1;
  private needHeader: boolean;
  private carry: Buffer | null = null;

  constructor(
    private readonly sink: VectorSink,
    private readonly file: string,
    expectHeader: boolean,
    private readonly maxLineBytes = MAX_LINE_BYTES,
  ) {
    this.needHeader = expectHeader;
  }

  /** Feeds the next chunk of the file's (decompressed) content. */
  push(chunk: Buffer): void {
    let pos = 0;
    const len = chunk.length;
    if (this.carry !== null) {
      const nl = chunk.indexOf(10, pos);
      if (nl < 0) {
        this.carry = Buffer.concat([this.carry, chunk.subarray(pos)]);
        if (this.carry.length > this.maxLineBytes) {
          this.line++; // the error is about the line being read
          this.fail('LINE_TOO_LONG', `a line is over ${this.maxLineBytes} bytes`);
        }
        return;
      }
      const joined = Buffer.concat([this.carry, chunk.subarray(pos, nl)]);
      this.carry = null;
      this.processLine(joined, 0, joined.length);
      pos = nl + 1;
    }
    while (pos < len) {
      const nl = chunk.indexOf(10, pos);
      if (nl < 0) {
        this.carry = Buffer.from(chunk.subarray(pos));
        return;
      }
      this.processLine(chunk, pos, nl);
      pos = nl + 1;
    }
  }

  /** Ends the input: parses a last line without newline and checks the header's word count. */
  end(): TextParseResult {
    if (this.carry !== null) {
      const last = this.carry;
      this.carry = null;
      this.processLine(last, 0, last.length);
    }
    if (this.needHeader || (this.dim < 0 && this.headerCount < 0)) {
      throw new EmbeddingsFormatError('EMPTY_FILE', { file: this.file }, 'the file holds no vectors');
    }
    if (this.headerCount >= 0 && this.records !== this.headerCount) {
      this.fail(
        'HEADER_MISMATCH',
        `the header announces ${this.headerCount} words but the file has ${this.records}`,
      );
    }
    return { dim: this.dim, records: this.records, lines: this.line };
  }

  private fail(code: EmbeddingsFormatError['code'], problem: string): never {
    throw new EmbeddingsFormatError(code, { file: this.file, line: this.line }, problem);
  }

  private processLine(buf: Buffer, s: number, e: number): void {
    this.line++;
    if (this.line === 1 && buf[s] === 0xef && buf[s + 1] === 0xbb && buf[s + 2] === 0xbf && s + 3 <= e)
      s += 3; // BOM
    while (e > s) {
      const c = buf[e - 1];
      if (c !== 13 && c !== 32 && c !== 9) break;
      e--;
    }
    if (e === s) return; // blank line
    if (this.needHeader) {
      this.readHeader(buf, s, e);
      return;
    }
    let we = s;
    while (we < e) {
      const c = buf[we];
      if (c === 32 || c === 9) break;
      we++;
    }
    if (we === s) this.fail('MISSING_VALUES', 'the line starts with a separator, so it has no word');
    if (this.dim < 0) this.firstVector(buf, s, we, e);
    if (this.headerCount >= 0 && this.records === this.headerCount) {
      this.fail('HEADER_MISMATCH', `the header announces ${this.headerCount} words but there are more lines`);
    }
    this.records++;
    const off = this.sink.target(buf.toString('utf8', s, we));
    const dim = this.dim;
    // A skipped line (word not wanted) is only checked for its dimension: by counting spaces, exactly if off.
    if (off < 0 && countSpaces(buf, we, e) === dim) return;
    const n = off < 0 ? countValues(buf, we, e) : parseValues(buf, we, e, this.sink.matrix, off, dim);
    if (n === dim) return;
    if (n >= 0) {
      this.fail('INCONSISTENT_DIM', `${n} values after ${quote(buf, s, we)} where earlier lines have ${dim}`);
    }
    const token = quote(buf, failStart, failEnd);
    const index = countValues(buf, we, failStart) + 1;
    if (n === BAD_NUMBER)
      this.fail('BAD_NUMBER', `value ${index} of ${quote(buf, s, we)} is not a number: ${token}`);
    this.fail('NON_FINITE', `value ${index} of ${quote(buf, s, we)} is not finite in float32: ${token}`);
  }

  private firstVector(buf: Buffer, s: number, we: number, e: number): void {
    const n = countValues(buf, we, e);
    if (n === 0) this.fail('MISSING_VALUES', `the word ${quote(buf, s, we)} has no values`);
    if (this.headerCount >= 0 && n !== this.dim0) {
      this.fail('HEADER_MISMATCH', `the header says dim ${this.dim0} but the first vector has ${n} values`);
    }
    this.dim = n;
    this.sink.setDim(n, this.headerCount, averageLineBytes(buf, s, e));
  }

  /** Dimension announced by the header, or -1. */
  private dim0 = -1;

  private readHeader(buf: Buffer, s: number, e: number): void {
    this.needHeader = false;
    const text = buf.toString('latin1', s, e);
    const m = /^(\d+)[ \t]+(\d+)$/.exec(text);
    if (!m)
      this.fail(
        'BAD_HEADER',
        `expected a "count dim" header line, found ${JSON.stringify(text.slice(0, 80))}`,
      );
    const count = Number(m[1]);
    const dim = Number(m[2]);
    if (dim < 1 || dim > MAX_DIM || !Number.isSafeInteger(count))
      this.fail('BAD_HEADER', `unusable header "${text}" (dim must be 1 to ${MAX_DIM})`);
    this.headerCount = count;
    this.dim0 = dim;
    if (count === 0) {
      this.dim = dim;
      this.sink.setDim(dim, 0, 1);
    }
  }
}

/** Mean length of the lines from `s` on within the next 64 KiB of buf (at least the line s..e): for estimates. */
function averageLineBytes(buf: Buffer, s: number, e: number): number {
  const limit = Math.min(buf.length, s + (64 << 10));
  let lines = 1;
  let end = e;
  for (let nl = buf.indexOf(10, e + 1); nl >= 0 && nl < limit; nl = buf.indexOf(10, nl + 1)) {
    lines++;
    end = nl;
  }
  return (end - s + 1) / lines;
}

/** A word or token from the file, quoted for a message (decoded, shortened). */
function quote(buf: Buffer, s: number, e: number): string {
  const text = buf.toString('utf8', s, Math.min(e, s + 60));
  return JSON.stringify(e - s > 60 ? `${text}…` : text);
}
