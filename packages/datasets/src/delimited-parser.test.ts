import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { DelimitedParser, type DelimitedRow } from './delimited-parser.ts';

function parseAll(
  text: string,
  chunks: number[] = [],
  quotes = true,
  delimiter = ',',
  fields?: number,
): DelimitedRow[] {
  const parser = new DelimitedParser({ delimiter, quotes, ...(fields ? { fields } : {}) });
  const out: DelimitedRow[] = [];
  let at = 0;
  for (const size of chunks) {
    out.push(...parser.push(text.slice(at, at + size)));
    at += size;
  }
  out.push(...parser.push(text.slice(at)), ...parser.end());
  return out;
}

function toCsv(rows: string[][], eol: string): string {
  const quote = (f: string) => (/[",\r\n]/.test(f) || f === '' ? `"${f.replaceAll('"', '""')}"` : f);
  return rows.map((r) => r.map(quote).join(',')).join(eol) + eol;
}

describe('DelimitedParser', () => {
  test('reads quoted fields with delimiters, newlines and doubled quotes, numbering records by start line', () => {
    const text = 'text,label\n"a, ""quoted""\nline",1\r\nplain,0\n';
    expect(parseAll(text)).toEqual([
      { line: 1, fields: ['text', 'label'] },
      { line: 2, fields: ['a, "quoted"\nline', '1'] },
      { line: 4, fields: ['plain', '0'] },
    ]);
  });

  test('keeps a last record without a newline and empty trailing fields', () => {
    expect(parseAll('a,b,\nc,,d')).toEqual([
      { line: 1, fields: ['a', 'b', ''] },
      { line: 2, fields: ['c', '', 'd'] },
    ]);
  });

  test('reports text after a closing quote and resumes on the next line', () => {
    expect(parseAll('"ab"c,1\nok,0\n')).toEqual([
      { line: 1, error: expect.stringMatching(/after a closing quote/), reason: 'quoting' },
      { line: 2, fields: ['ok', '0'] },
    ]);
  });

  test('an unterminated quote costs only its own line: the lines after it are read again', () => {
    expect(parseAll('ok,0\n"never closed,1\nmore,1\n')).toEqual([
      { line: 1, fields: ['ok', '0'] },
      {
        line: 2,
        error: 'unterminated quoted field (a record over lines 2-3; line 2 skipped, the rest read again)',
        reason: 'quoting',
      },
      { line: 3, fields: ['more', '1'] },
    ]);
    expect(parseAll('"last line open,1')).toEqual([
      { line: 1, error: 'unterminated quoted field', reason: 'quoting' },
    ]);
  });

  test('a stray quote that closes on a later line does not take that line with it', () => {
    const text = 'a,0\n"stray,1\n"quoted",1\nb,0\n';
    expect(parseAll(text, [], true, ',', 2)).toEqual([
      { line: 1, fields: ['a', '0'] },
      {
        line: 2,
        error: expect.stringMatching(
          /^unexpected character after a closing quote .*lines 2-3; line 2 skipped/,
        ),
        reason: 'quoting',
      },
      { line: 3, fields: ['quoted', '1'] },
      { line: 4, fields: ['b', '0'] },
    ]);
  });

  test('with a field count, a multi-line record of the wrong width is re-read from its second line', () => {
    const text = 'a,0\n"x,1\ny",1,2\nz,1\n';
    expect(parseAll(text, [], true, ',', 2)).toEqual([
      { line: 1, fields: ['a', '0'] },
      {
        line: 2,
        error: expect.stringMatching(/^expected 2 columns, found 3 \(a record over lines 2-3/),
        reason: 'columns',
      },
      { line: 3, error: 'expected 2 columns, found 3', reason: 'columns' },
      { line: 4, fields: ['z', '1'] },
    ]);
    expect(parseAll('a,0\n\n"two\nlines",1\n', [], true, ',', 2)).toEqual([
      { line: 1, fields: ['a', '0'] },
      { line: 2, fields: [''] },
      { line: 3, fields: ['two\nlines', '1'] },
    ]);
  });

  test('property: one unclosed quote among n good rows loses exactly its own row, whatever the chunks', () => {
    const good = fc.array(fc.stringMatching(/^[a-z ]{1,8}$/), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(good, fc.nat(), fc.array(fc.nat(20)), (texts, at, chunks) => {
        const bad = at % (texts.length + 1);
        const lines = texts.map((t, i) => (i % 3 === 0 ? `"${t}",1` : `${t},0`));
        lines.splice(bad, 0, '"never closed,1');
        const rows = parseAll(`${lines.join('\n')}\n`, chunks, true, ',', 2);
        expect(rows.filter((r) => 'error' in r).map((r) => r.line)).toEqual([bad + 1]);
        expect(rows.filter((r) => 'fields' in r).map((r) => ('fields' in r ? r.fields[0] : ''))).toEqual(
          texts,
        );
      }),
    );
  });

  test('without quotes (TSV) every line is a record and quotes are plain text', () => {
    expect(parseAll('"a\tb\r\nc "x"\td\n', [], false, '\t')).toEqual([
      { line: 1, fields: ['"a', 'b'] },
      { line: 2, fields: ['c "x"', 'd'] },
    ]);
  });

  test('property: any rows written as RFC 4180 and fed in any chunks read back the same', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'b', ' ', ',', '"', '\n', '\r', 'é', '😀') });
    const rows = fc.array(fc.array(field, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(rows, fc.constantFrom('\n', '\r\n'), fc.array(fc.nat(12)), (data, eol, chunks) => {
        const parsed = parseAll(toCsv(data, eol), chunks);
        expect(parsed.map((r) => ('fields' in r ? r.fields : r))).toEqual(data);
      }),
    );
  });
});
