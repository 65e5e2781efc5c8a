import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { DelimitedParser, type DelimitedRow } from './delimited-parser.ts';

function parseAll(text: string, chunks: number[] = [], quotes = true, delimiter = ','): DelimitedRow[] {
  const parser = new DelimitedParser({ delimiter, quotes });
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
      { line: 1, error: expect.stringMatching(/after a closing quote/) },
      { line: 2, fields: ['ok', '0'] },
    ]);
  });

  test('reports an unterminated quote at the line it opened', () => {
    expect(parseAll('ok,0\n"never closed,1\nmore\n')).toEqual([
      { line: 1, fields: ['ok', '0'] },
      { line: 2, error: 'unterminated quoted field' },
    ]);
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
