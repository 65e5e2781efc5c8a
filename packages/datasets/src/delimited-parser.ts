/** One record of a delimited file, or the reason it could not be read, with the line it starts on. */
export type DelimitedRow = { line: number; fields: string[] } | { line: number; error: string };

/** Options of {@link DelimitedParser}. */
export interface DelimitedOptions {
  /** The field separator: `,` for CSV, `\t` for TSV. */
  delimiter: string;
  /**
   * Whether `"` quotes fields (RFC 4180: quoted fields may hold the delimiter, newlines and `""` for a quote).
   * Without it every line is a record and quotes are plain characters.
   * @default true
   */
  quotes?: boolean;
}

enum State {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
  QuoteThenCR,
  SkipLine,
}

const LF = 10;
const CR = 13;
const QUOTE = 34;

/**
 * A streaming RFC 4180 reader: feed it text chunks of any size with {@link push}, then call {@link end}; each
 * returns the records completed so far. Records end at `\n` or `\r\n` outside quotes. A malformed record (text
 * after a closing quote, an unterminated quote) comes back as an error row and reading resumes on the next line.
 */
export class DelimitedParser {
  readonly #delimiter: number;
  readonly #quotes: boolean;
  #state = State.FieldStart;
  #field = '';
  #fields: string[] = [];
  #line = 1;
  #recordLine = 1;
  #started = false;
  #error = '';

  constructor(options: DelimitedOptions) {
    if (options.delimiter.length !== 1) throw new TypeError('delimiter must be one character');
    this.#delimiter = options.delimiter.charCodeAt(0);
    this.#quotes = options.quotes ?? true;
  }

  /** Parses the next chunk and returns the records it completed. */
  push(chunk: string): DelimitedRow[] {
    const out: DelimitedRow[] = [];
    const n = chunk.length;
    let i = 0;
    while (i < n) {
      if (!this.#started) {
        this.#started = true;
        this.#recordLine = this.#line;
      }
      switch (this.#state) {
        case State.FieldStart: {
          if (this.#quotes && chunk.charCodeAt(i) === QUOTE) {
            this.#state = State.Quoted;
            i++;
          } else {
            this.#state = State.Unquoted;
          }
          break;
        }
        case State.Unquoted: {
          let j = i;
          while (j < n) {
            const c = chunk.charCodeAt(j);
            if (c === this.#delimiter || c === LF) break;
            j++;
          }
          this.#field += chunk.slice(i, j);
          i = j;
          if (j === n) break;
          if (chunk.charCodeAt(j) === LF) {
            if (this.#field.endsWith('\r')) this.#field = this.#field.slice(0, -1);
            this.#endRecord(out);
          } else {
            this.#endField();
          }
          i++;
          break;
        }
        case State.Quoted: {
          const j = chunk.indexOf('"', i);
          const end = j < 0 ? n : j;
          const part = chunk.slice(i, end);
          this.#field += part;
          this.#line += countNewlines(part);
          if (j < 0) {
            i = n;
          } else {
            i = j + 1;
            this.#state = State.QuoteInQuoted;
          }
          break;
        }
        case State.QuoteInQuoted: {
          const c = chunk.charCodeAt(i);
          if (c === QUOTE) {
            this.#field += '"';
            this.#state = State.Quoted;
          } else if (c === this.#delimiter) {
            this.#endField();
          } else if (c === LF) {
            this.#endRecord(out);
          } else if (c === CR) {
            this.#state = State.QuoteThenCR;
          } else {
            this.#skip('unexpected character after a closing quote (a quote inside a field must be doubled)');
            continue;
          }
          i++;
          break;
        }
        case State.QuoteThenCR: {
          if (chunk.charCodeAt(i) === LF) {
            this.#endRecord(out);
            i++;
          } else {
            this.#skip('unexpected carriage return after a closing quote');
          }
          break;
        }
        case State.SkipLine: {
          const j = chunk.indexOf('\n', i);
          if (j < 0) {
            i = n;
          } else {
            out.push({ line: this.#recordLine, error: this.#error });
            this.#reset();
            i = j + 1;
          }
          break;
        }
      }
    }
    return out;
  }

  /** Finishes the input and returns the last record, if any (or an error for an unterminated quote). */
  end(): DelimitedRow[] {
    const out: DelimitedRow[] = [];
    if (!this.#started) return out;
    if (this.#state === State.SkipLine) {
      out.push({ line: this.#recordLine, error: this.#error });
    } else if (this.#state === State.Quoted) {
      out.push({ line: this.#recordLine, error: 'unterminated quoted field' });
    } else if (this.#state === State.QuoteThenCR) {
      this.#endRecord(out);
    } else {
      if (this.#state === State.Unquoted && this.#field.endsWith('\r'))
        this.#field = this.#field.slice(0, -1);
      this.#fields.push(this.#field);
      out.push({ line: this.#recordLine, fields: this.#fields });
    }
    this.#reset();
    return out;
  }

  #endField(): void {
    this.#fields.push(this.#field);
    this.#field = '';
    this.#state = State.FieldStart;
  }

  #endRecord(out: DelimitedRow[]): void {
    this.#fields.push(this.#field);
    out.push({ line: this.#recordLine, fields: this.#fields });
    this.#line++;
    this.#reset();
  }

  #skip(error: string): void {
    this.#error = error;
    this.#state = State.SkipLine;
  }

  #reset(): void {
    if (this.#state === State.SkipLine) this.#line++;
    this.#fields = [];
    this.#field = '';
    this.#state = State.FieldStart;
    this.#started = false;
  }
}

function countNewlines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
