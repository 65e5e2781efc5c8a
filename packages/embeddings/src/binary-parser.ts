import { endianness } from 'node:os';
import { MAX_DIM } from './detect-format.ts';
import { EmbeddingsFormatError } from './errors.ts';
import type { VectorSink } from './vector-sink.ts';

const LITTLE_ENDIAN = endianness() === 'LE';

/** What a binary parse found. */
export interface BinaryParseResult {
  dim: number;
  records: number;
}

/**
 * Parses word2vec binary: a `count dim` text line, then per word the word's bytes, a space, `dim` float32
 * little-endian values and an optional newline. Streams chunk by chunk; a record split across chunks is joined
 * before it is read. Checks that the file holds exactly `count` records, every value of a kept word is finite,
 * and nothing but whitespace follows the last record.
 */
export class BinaryParser {
  private carry: Buffer | null = null;
  /** Absolute offset (in the decompressed content) of carry[0] or of the next chunk. */
  private base = 0;
  private count = -1;
  private dim = 0;
  private records = 0;
  private aligned = new Float32Array(0);

  constructor(
    private readonly sink: VectorSink,
    private readonly file: string,
  ) {}

  /** Feeds the next chunk of the file's (decompressed) content. */
  push(chunk: Buffer): void {
    const buf = this.carry === null ? chunk : Buffer.concat([this.carry, chunk]);
    this.carry = null;
    const pos = this.consume(buf);
    if (pos < buf.length) this.carry = Buffer.from(buf.subarray(pos));
    this.base += pos;
  }

  /** Ends the input and checks that the announced number of records was read. */
  end(): BinaryParseResult {
    const rest = this.carry ?? Buffer.alloc(0);
    if (this.count < 0) {
      if (rest.toString('latin1').trim() === '') {
        throw new EmbeddingsFormatError(
          'EMPTY_FILE',
          { file: this.file, byteOffset: 0 },
          'the file holds no vectors',
        );
      }
      this.fail(0, 'BAD_HEADER', 'the file ends before the end of the "count dim" header line');
    }
    if (this.records < this.count) {
      const at = this.base + rest.length;
      this.fail(
        at,
        'TRUNCATED',
        `the header announces ${this.count} words, the file ends in record ${this.records + 1}`,
      );
    }
    return { dim: this.dim, records: this.records };
  }

  private fail(byteOffset: number, code: EmbeddingsFormatError['code'], problem: string): never {
    throw new EmbeddingsFormatError(code, { file: this.file, byteOffset }, problem);
  }

  /** Reads what it can from buf; returns the position of the first byte it could not use yet. */
  private consume(buf: Buffer): number {
    let pos = 0;
    const len = buf.length;
    if (this.count < 0) {
      const nl = buf.indexOf(10);
      if (nl < 0) {
        if (len > 4096) this.fail(0, 'BAD_HEADER', 'no "count dim" header line');
        return 0;
      }
      this.readHeader(buf.toString('latin1', 0, nl));
      pos = nl + 1;
    }
    const bytes = this.dim * 4;
    while (this.records < this.count) {
      while (pos < len && (buf[pos] === 10 || buf[pos] === 13)) pos++;
      const sp = buf.indexOf(32, pos);
      if (sp < 0 || sp + 1 + bytes > len) {
        if (len - pos > (1 << 20) + bytes) {
          this.fail(
            this.base + pos,
            'HEADER_MISMATCH',
            'no space-ended word within 1 MiB: is the header dim right?',
          );
        }
        return pos;
      }
      if (sp === pos)
        this.fail(this.base + pos, 'MISSING_VALUES', `record ${this.records + 1} has an empty word`);
      const off = this.sink.target(buf.toString('utf8', pos, sp));
      if (off >= 0) this.readVector(buf, sp + 1, off);
      this.records++;
      pos = sp + 1 + bytes;
    }
    for (; pos < len; pos++) {
      const c = buf[pos];
      if (c !== 10 && c !== 13 && c !== 32 && c !== 9) {
        this.fail(
          this.base + pos,
          'HEADER_MISMATCH',
          `data after the ${this.count} words the header announces`,
        );
      }
    }
    return pos;
  }

  private readHeader(line: string): void {
    const m = /^[ \t]*(\d+)[ \t]+(\d+)[ \t\r]*$/.exec(line);
    if (!m)
      this.fail(
        0,
        'BAD_HEADER',
        `expected a "count dim" header line, found ${JSON.stringify(line.slice(0, 80))}`,
      );
    const count = Number(m[1]);
    const dim = Number(m[2]);
    if (dim < 1 || dim > MAX_DIM || !Number.isSafeInteger(count))
      this.fail(0, 'BAD_HEADER', `unusable header "${line}" (dim must be 1 to ${MAX_DIM})`);
    this.count = count;
    this.dim = dim;
    this.aligned = new Float32Array(dim);
    this.sink.setDim(dim, count, 4 * dim + 8);
  }

  private readVector(buf: Buffer, at: number, off: number): void {
    const dim = this.dim;
    const v = this.aligned;
    if (LITTLE_ENDIAN) new Uint8Array(v.buffer).set(buf.subarray(at, at + dim * 4));
    else for (let i = 0; i < dim; i++) v[i] = buf.readFloatLE(at + 4 * i);
    for (let i = 0; i < dim; i++) {
      const x = v[i] as number;
      if (x - x !== 0)
        this.fail(
          this.base + at + 4 * i,
          'NON_FINITE',
          `value ${i + 1} of record ${this.records + 1} is ${x}`,
        );
    }
    this.sink.matrix.set(v, off);
  }
}
