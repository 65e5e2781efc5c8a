import { DelimitedParser, type DelimitedRow } from './delimited-parser.ts';
import { DatasetError } from './errors.ts';
import { openText } from './open-text.ts';
import type { RowChecker, TextRecord } from './records.ts';

/** Column names and dialect of a CSV or TSV dataset with a header row. */
export interface DelimitedColumns {
  /**
   * The header name of the text column (matched exactly, else case-insensitively).
   * @default 'text'
   */
  textColumn?: string;
  /**
   * The header name of the label column (matched exactly, else case-insensitively).
   * @default 'label'
   */
  labelColumn?: string;
  /**
   * Whether the header must have the label column; when false a file without it reads every row unlabelled.
   * @default true
   */
  requireLabelColumn?: boolean;
}

/**
 * Streams the records of a CSV (`,`, RFC 4180 quoting) or TSV (tab, no quoting: one record per line) file with
 * a header row; gzipped or not, told by its first bytes. Blank lines are ignored; bad rows go to `checker`.
 * A bad quote costs only its own line: the rows after it are read again (see `DelimitedParser`).
 * @throws DatasetError `BAD_RECORD` when the file is empty or its header lacks a named column
 */
export async function* readDelimited(
  path: string,
  dialect: 'csv' | 'tsv',
  checker: RowChecker,
  columns: DelimitedColumns = {},
): AsyncGenerator<TextRecord> {
  const parser = new DelimitedParser(
    dialect === 'csv'
      ? { delimiter: ',', quotes: true, fields: 'first' }
      : { delimiter: '\t', quotes: false, fields: 'first' },
  );
  const textName = columns.textColumn ?? 'text';
  const labelName = columns.labelColumn ?? 'label';
  const names = { text: `column "${textName}"`, label: `column "${labelName}"` };
  let header: string[] | undefined;
  let textAt = -1;
  let labelAt = -1;
  const stream = await openText(path);

  function* handle(rows: DelimitedRow[]): Generator<TextRecord> {
    for (const row of rows) {
      const source = `${path}:${row.line}`;
      if ('error' in row) {
        if (!header) throw new DatasetError('BAD_RECORD', `${source}: cannot read the header: ${row.error}`);
        checker.bad(source, row.error, row.reason);
        continue;
      }
      const { fields } = row;
      if (fields.length === 1 && fields[0] === '') continue;
      if (!header) {
        header = fields;
        if (header[0]?.charCodeAt(0) === 0xfeff) header[0] = header[0].slice(1);
        textAt = findColumn(header, textName, source);
        labelAt =
          (columns.requireLabelColumn ?? true) || hasColumn(header, labelName)
            ? findColumn(header, labelName, source)
            : -1;
        continue;
      }
      const record = checker.check(source, fields[textAt], labelAt < 0 ? undefined : fields[labelAt], names);
      if (record) yield record;
    }
  }

  try {
    for await (const chunk of stream as AsyncIterable<string>) yield* handle(parser.push(chunk));
    yield* handle(parser.end());
  } finally {
    stream.destroy();
  }
  if (!header) throw new DatasetError('BAD_RECORD', `${path}: empty file, expected a header row`);
}

function findColumn(header: string[], name: string, source: string): number {
  let at = header.indexOf(name);
  if (at < 0) at = header.findIndex((h) => h.trim().toLowerCase() === name.trim().toLowerCase());
  if (at < 0) {
    const shown = header.map((h) => JSON.stringify(h)).join(', ');
    throw new DatasetError('BAD_RECORD', `${source}: the header has no column "${name}" (columns: ${shown})`);
  }
  return at;
}

/** Whether the header has the column `findColumn` would find. */
function hasColumn(header: string[], name: string): boolean {
  return header.includes(name) || header.some((h) => h.trim().toLowerCase() === name.trim().toLowerCase());
}
