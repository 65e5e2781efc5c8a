/**
 * One record of a delimited file with the line it starts on, or a line that could not be read: `error` says
 * why and `reason` sorts it (`quoting`: a malformed or unclosed quote; `columns`: a wrong number of fields).
 */
export type DelimitedRow =
  | { line: number; fields: string[] }
  | { line: number; error: string; reason: 'quoting' | 'columns' };

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
  /**
   * Fields every record must have; a record with another count is an error row. `'first'`: as many as the
   * first record that is not blank (a header row).
   * @default any count
   */
  fields?: number | 'first';
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
 * after a closing quote, an unterminated quote, a wrong field count) comes back as an error row for its first
 * line, and reading resumes on the line after that one, so a stray quote never swallows the rows after it:
 * a record spanning several lines that turns out bad is re-read from its second line.
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
  #reason: 'quoting' | 'columns' = 'quoting';
  #expected: number | 'first' | undefined;
  /** Raw text of the record in progress from earlier chunks, for re-reading it after a bad quote. */
  #raw = '';

  constructor(options: DelimitedOptions) {
    if (options.delimiter.length !== 1) throw new TypeError('delimiter must be one character');
    this.#delimiter = options.delimiter.charCodeAt(0);
    this.#quotes = options.quotes ?? true;
    this.#expected = options.fields;
  }

  /** Parses the next chunk and returns the records it completed. */
  push(text: string): DelimitedRow[] {
    const out: DelimitedRow[] = [];
    let chunk = text;
    let n = chunk.length;
    let i = 0;
    let recordStart = 0;
    // A bad record spanning lines: report its first line, then read again from the line after it.
    const rewind = (error: string, reason: 'quoting' | 'columns') => {
      const raw = this.#raw + chunk.slice(recordStart, i);
      const lines = `lines ${this.#recordLine}-${this.#line}`;
      out.push({
        line: this.#recordLine,
        error: `${error} (a record over ${lines}; line ${this.#recordLine} skipped, the rest read again)`,
        reason,
      });
      const next = this.#recordLine + 1;
      chunk = raw.slice(raw.indexOf('\n') + 1) + chunk.slice(i);
      n = chunk.length;
      i = 0;
      recordStart = 0;
      this.#clear();
      this.#line = next;
    };
    while (i < n) {
      if (!this.#started) {
        this.#started = true;
        this.#recordLine = this.#line;
        recordStart = i;
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
            if (this.#badCount() && this.#line > this.#recordLine) {
              rewind(this.#countError(), 'columns');
              break;
            }
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
            if (this.#badCount() && this.#line > this.#recordLine) {
              rewind(this.#countError(), 'columns');
              break;
            }
            this.#endRecord(out);
          } else if (c === CR) {
            this.#state = State.QuoteThenCR;
          } else {
            const error =
              'unexpected character after a closing quote (a quote inside a field must be doubled)';
            if (this.#line > this.#recordLine) rewind(error, 'quoting');
            else this.#skip(error, 'quoting');
            continue;
          }
          i++;
          break;
        }
        case State.QuoteThenCR: {
          if (chunk.charCodeAt(i) === LF) {
            if (this.#badCount() && this.#line > this.#recordLine) {
              rewind(this.#countError(), 'columns');
              break;
            }
            this.#endRecord(out);
            i++;
          } else {
            const error = 'unexpected carriage return after a closing quote';
            if (this.#line > this.#recordLine) rewind(error, 'quoting');
            else this.#skip(error, 'quoting');
          }
          break;
        }
        case State.SkipLine: {
          const j = chunk.indexOf('\n', i);
          if (j < 0) {
            i = n;
          } else {
            out.push({ line: this.#recordLine, error: this.#error, reason: this.#reason });
            this.#reset();
            i = j + 1;
          }
          break;
        }
      }
    }
    this.#raw = this.#started ? this.#raw + chunk.slice(recordStart) : '';
    return out;
  }

  /** Finishes the input and returns the last record, if any (or an error for an unterminated quote). */
  end(): DelimitedRow[] {
    const out: DelimitedRow[] = [];
    if (!this.#started) return out;
    const unclosed = this.#state === State.Quoted;
    const ends = this.#state === State.QuoteInQuoted || this.#state === State.Unquoted;
    const raw = this.#raw;
    const first = this.#recordLine;
    const last = raw.endsWith('\n') ? this.#line - 1 : this.#line;
    if (last > first && (unclosed || (ends && this.#badCount()))) {
      // A bad record over several lines at the end: only its first line is lost; the rest is read again.
      const error = unclosed ? 'unterminated quoted field' : this.#countError();
      out.push({
        line: first,
        error: `${error} (a record over lines ${first}-${last}; line ${first} skipped, the rest read again)`,
        reason: unclosed ? 'quoting' : 'columns',
      });
      this.#clear();
      this.#line = first + 1;
      out.push(...this.push(raw.slice(raw.indexOf('\n') + 1)), ...this.end());
      return out;
    }
    if (this.#state === State.SkipLine) {
      out.push({ line: this.#recordLine, error: this.#error, reason: this.#reason });
    } else if (unclosed) {
      out.push({ line: this.#recordLine, error: 'unterminated quoted field', reason: 'quoting' });
    } else {
      if (this.#state === State.Unquoted && this.#field.endsWith('\r'))
        this.#field = this.#field.slice(0, -1);
      this.#endRecord(out);
    }
    this.#reset();
    return out;
  }

  #endField(): void {
    this.#fields.push(this.#field);
    this.#field = '';
    this.#state = State.FieldStart;
  }

  /** Whether the record in progress, ended now, has another field count than expected. */
  #badCount(): boolean {
    const found = this.#fields.length + 1;
    const blank = found === 1 && this.#field === '';
    if (this.#expected === 'first' && !blank) this.#expected = found;
    return typeof this.#expected === 'number' && found !== this.#expected && !blank;
  }

  #countError(found = this.#fields.length + 1): string {
    return `expected ${this.#expected} columns, found ${found}`;
  }

  #endRecord(out: DelimitedRow[]): void {
    const bad = this.#badCount();
    this.#fields.push(this.#field);
    if (bad) {
      out.push({ line: this.#recordLine, error: this.#countError(this.#fields.length), reason: 'columns' });
    } else {
      out.push({ line: this.#recordLine, fields: this.#fields });
    }
    this.#line++;
    this.#reset();
  }

  #skip(error: string, reason: 'quoting' | 'columns'): void {
    this.#error = error;
    this.#reason = reason;
    this.#state = State.SkipLine;
  }

  #reset(): void {
    if (this.#state === State.SkipLine) this.#line++;
    this.#clear();
  }

  #clear(): void {
    this.#fields = [];
    this.#field = '';
    this.#raw = '';
    this.#state = State.FieldStart;
    this.#started = false;
  }
}

function countNewlines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
