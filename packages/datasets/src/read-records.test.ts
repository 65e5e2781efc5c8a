import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { smallSplit, tempDir, writeAclImdb } from '@sentikit/testkit/fixtures';
import { describe, expect, test } from 'vitest';
import { DatasetError } from './errors.ts';
import { parseLabelMap } from './labels.ts';
import { detectFormat, loadRecords, readRecords, readTexts } from './read-records.ts';

const dir = tempDir();
function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
const jsonl = (rows: unknown[]) => `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`;

describe('JSONL', () => {
  const rows = [
    { text: 'good', label: 1 },
    { text: 'bad', label: 'neg' },
  ];

  test('reads plain and gzipped files, telling gzip by its bytes whatever the name', async () => {
    for (const path of [
      file('a.jsonl', jsonl(rows)),
      file('b.jsonl.gz', gzipSync(jsonl(rows))),
      file('c.ndjson', gzipSync(jsonl(rows))),
    ]) {
      const { records, summary } = await loadRecords(path);
      expect(records).toEqual([
        { text: 'good', label: 1, source: `${path}:1` },
        { text: 'bad', label: 0, source: `${path}:2` },
      ]);
      expect(summary).toEqual({ read: 2, skipped: 0, skippedBy: {}, examples: [] });
    }
  });

  test('reads configurable fields', async () => {
    const path = file('fields.jsonl', jsonl([{ review: 'ok', stars: 'GOOD' }]));
    const { records, classNames } = await loadRecords(path, {
      textField: 'review',
      labelField: 'stars',
      labelMap: parseLabelMap('bad=0,good=1'),
    });
    expect(records.map((r) => r.label)).toEqual([1]);
    expect(classNames).toEqual(['bad', 'good']);
  });

  const badLines = [
    '{"text":"fine","label":1}',
    '{not json',
    '[1,2]',
    '{"label":1}',
    '{"text":"x","label":"meh"}',
    '{"text":"   ","label":0}',
    '{"text":42,"label":0}',
    '',
    '{"text":"also fine","label":"Positive"}',
  ].join('\n');

  test('counts and skips bad rows, keeping capped examples as file:line: problem', async () => {
    const path = file('bad.jsonl', badLines);
    const skipped: string[] = [];
    const { records, summary } = await loadRecords(path, { maxExamples: 3, onSkip: (p) => skipped.push(p) });
    expect(records.map((r) => r.source)).toEqual([`${path}:1`, `${path}:9`]);
    expect(summary.read).toBe(2);
    expect(summary.skipped).toBe(6);
    expect(skipped).toHaveLength(6);
    expect(summary.examples).toEqual(skipped.slice(0, 3));
    expect(skipped[0]).toMatch(new RegExp(`^${path}:2: invalid JSON`));
    expect(skipped.slice(1)).toEqual([
      `${path}:3: expected a JSON object`,
      `${path}:4: missing field "text"`,
      `${path}:5: unknown label "meh" (expected one of: 0, 1, neg, pos, negative, positive)`,
      `${path}:6: empty text`,
      `${path}:7: field "text" is not a string`,
    ]);
  });

  test('strict makes the first bad row fatal with a typed error', async () => {
    const path = file('strict.jsonl', badLines);
    const error = await loadRecords(path, { strict: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    expect(error).toMatchObject({
      code: 'BAD_RECORD',
      message: expect.stringMatching(`^${path}:2: invalid JSON`),
    });
  });

  test('reports a missing label field by name', async () => {
    const path = file('nolabel.jsonl', jsonl([{ text: 'x', sentiment: 1 }]));
    const { summary } = await loadRecords(path);
    expect(summary.examples).toEqual([`${path}:1: missing field "label"`]);
  });
});

describe('CSV and TSV', () => {
  test('reads RFC 4180 CSV with a BOM, named columns in any order, quotes and embedded newlines', async () => {
    const path = file(
      'r.csv',
      '\ufeffid,Review,Sentiment\r\n1,"Great, ""really""\r\ngreat",positive\r\n2,meh,NEGATIVE\r\n',
    );
    const { records } = await loadRecords(path, { textField: 'review', labelField: 'sentiment' });
    expect(records).toEqual([
      { text: 'Great, "really"\r\ngreat', label: 1, source: `${path}:2` },
      { text: 'meh', label: 0, source: `${path}:4` },
    ]);
  });

  test('skips rows with the wrong column count, stray quotes and unknown labels', async () => {
    const path = file('bad.csv', 'text,label\nok,1\ntoo,many,cols\n"x"y,1\nfine,maybe\n\nlast,0');
    const { records, summary } = await loadRecords(path);
    expect(records.map((r) => r.text)).toEqual(['ok', 'last']);
    expect(summary.skipped).toBe(3);
    expect(summary.skippedBy).toEqual({ columns: 1, quoting: 1, 'unknown-label': 1 });
    expect(summary.examples[0]).toBe(`${path}:3: expected 2 columns, found 3`);
    expect(summary.examples[1]).toMatch(new RegExp(`^${path}:4: unexpected character after a closing quote`));
    expect(summary.examples[2]).toMatch(new RegExp(`^${path}:5: unknown label "maybe"`));
  });

  test('a truncated .jsonl.gz is a BAD_RECORD error naming the file', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) =>
      JSON.stringify({ text: `review ${i}`, label: i % 2 }),
    );
    const whole = gzipSync(rows.join('\n'));
    const path = file('cut.jsonl.gz', whole.subarray(0, whole.length - 200));
    await expect(loadRecords(path)).rejects.toMatchObject({
      code: 'BAD_RECORD',
      message: expect.stringMatching(
        new RegExp(`^${path}: the gzip data is damaged or cut short \\(unexpected end of file\\)`),
      ),
    });
  });

  test('an unclosed quote on line 500 of 1,000 loses that row only, with or without quoted rows after it', async () => {
    for (const quoteEvery of [3, 0]) {
      const lines = ['text,label'];
      for (let i = 2; i <= 1001; i++) {
        if (i === 500) lines.push(`"row ${i} never closed,1`);
        else lines.push(quoteEvery && i % quoteEvery === 0 ? `"row, ${i}",0` : `row ${i},1`);
      }
      const path = file(`unclosed-${quoteEvery}.csv`, `${lines.join('\n')}\n`);
      const { records, summary } = await loadRecords(path);
      expect(records).toHaveLength(999);
      expect(records.some((r) => r.source === `${path}:501`)).toBe(true);
      expect(summary).toMatchObject({ read: 999, skipped: 1, skippedBy: { quoting: 1 } });
      expect(summary.examples[0]).toMatch(
        new RegExp(`^${path}:500: .*line 500 skipped, the rest read again`),
      );
    }
  });

  test('a header without the text column is a fatal error naming the columns', async () => {
    const path = file('nohead.csv', 'review,label\nx,1\n');
    await expect(loadRecords(path)).rejects.toThrow(
      `${path}:1: the header has no column "text" (columns: "review", "label")`,
    );
    await expect(loadRecords(file('empty.csv', ''))).rejects.toMatchObject({ code: 'BAD_RECORD' });
  });

  test('reads TSV as one record per line, quotes being plain text, gzipped or not', async () => {
    const tsv = 'label\ttext\n1\t"Loved" it\n0\tno\r\n';
    for (const path of [file('r.tsv', tsv), file('r.tsv.gz', gzipSync(tsv))]) {
      const { records } = await loadRecords(path);
      expect(records.map((r) => [r.text, r.label, r.source])).toEqual([
        ['"Loved" it', 1, `${path}:2`],
        ['no', 0, `${path}:3`],
      ]);
    }
  });
});

describe('aclImdb folders', () => {
  test('reads neg then pos in file-id order, ignoring unsup and other files', async () => {
    const root = writeAclImdb(tempDir(), { train: smallSplit(12, 'x') });
    writeFileSync(join(root, 'train', 'urls_pos.txt'), 'ignored');
    const stream = readRecords(join(root, 'train'), { concurrency: 3 });
    const records = [];
    for await (const r of stream) records.push(r);
    expect(records).toHaveLength(24);
    expect(records.slice(0, 12).every((r) => r.label === 0 && r.text.includes('dull'))).toBe(true);
    expect(records.slice(12).every((r) => r.label === 1 && r.text.includes('great'))).toBe(true);
    const ids = records.slice(0, 12).map((r) => Number(/(\d+)_\d+\.txt:1$/.exec(r.source)?.[1]));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(stream.summary).toEqual({ read: 24, skipped: 0, skippedBy: {}, examples: [] });
    expect(stream.classNames).toEqual(['negative', 'positive']);
  });

  test('skips empty reviews and rejects a folder without pos/neg', async () => {
    const root = writeAclImdb(tempDir(), { test: { pos: { '1_9.txt': 'yes' }, neg: { '2_1.txt': ' \n' } } });
    const { records, summary } = await loadRecords(join(root, 'test'));
    expect(records.map((r) => r.label)).toEqual([1]);
    expect(summary.examples).toEqual([`${join(root, 'test', 'neg', '2_1.txt')}:1: empty text`]);
    await expect(loadRecords(root)).rejects.toMatchObject({ code: 'DATA_NOT_FOUND' });
  });
});

describe('detectFormat', () => {
  test('tells the format by path and lets an explicit one win', async () => {
    const names = ['x.jsonl', 'x.JSONL.GZ', 'x.ndjson', 'x.csv', 'x.csv.gz', 'x.tsv', 'x.txt'];
    const paths = names.map((n) => file(n, ''));
    const detected = await Promise.all(paths.slice(0, 6).map((p) => detectFormat(p)));
    expect(detected).toEqual(['jsonl', 'jsonl', 'jsonl', 'csv', 'csv', 'tsv']);
    await expect(detectFormat(paths[6] as string)).rejects.toMatchObject({ code: 'UNSUPPORTED_FORMAT' });
    expect(await detectFormat(paths[6] as string, 'csv')).toBe('csv');
    expect(await detectFormat(dir)).toBe('aclimdb');
    await expect(detectFormat(dir, 'jsonl')).rejects.toMatchObject({ code: 'UNSUPPORTED_FORMAT' });
    await expect(detectFormat(join(dir, 'nope.csv'))).rejects.toMatchObject({ code: 'DATA_NOT_FOUND' });
  });
});

describe('readTexts', () => {
  const collect = async (path: string, options = {}) => {
    const stream = readTexts(path, options);
    const records = [];
    for await (const record of stream) records.push(record);
    return { records, summary: stream.summary };
  };

  test('reads rows with and without labels; a label that is there must still be valid', async () => {
    const path = file(
      'unlabelled.jsonl',
      jsonl([
        { text: 'no label' },
        { text: 'labelled', label: 'pos' },
        { text: 'bad', label: 'maybe' },
        { label: 1 },
      ]),
    );
    const { records, summary } = await collect(path);
    expect(records).toEqual([
      { text: 'no label', source: `${path}:1` },
      { text: 'labelled', label: 1, source: `${path}:2` },
    ]);
    expect(summary.read).toBe(2);
    expect(summary.skipped).toBe(2);
    expect(summary.examples[0]).toMatch(/:3: unknown label "maybe"/);
    expect(summary.examples[1]).toMatch(/:4: missing field "text"/);
  });

  test('reads a CSV or TSV without a label column; readRecords still requires it', async () => {
    const csv = file('texts.csv', 'id,text\n1,"first, with a comma"\n2,second\n');
    expect((await collect(csv)).records).toEqual([
      { text: 'first, with a comma', source: `${csv}:2` },
      { text: 'second', source: `${csv}:3` },
    ]);
    const tsv = file('texts.tsv', gzipSync('text\nonly one\n'));
    expect((await collect(tsv)).records).toEqual([{ text: 'only one', source: `${tsv}:2` }]);
    await expect(loadRecords(csv)).rejects.toThrow(/no column "label"/);
  });

  test("labels: 'ignored' reads every text whatever its label", async () => {
    const path = file(
      'ignored.jsonl',
      jsonl([{ text: 'a', label: 'maybe' }, { text: 'b', label: 1 }, { text: 'c' }]),
    );
    const { records, summary } = await collect(path, { labels: 'ignored' });
    expect(records.map((r) => r.text)).toEqual(['a', 'b', 'c']);
    expect(records.every((r) => r.label === undefined)).toBe(true);
    expect(summary).toEqual({ read: 3, skipped: 0, skippedBy: {}, examples: [] });
  });

  test('reads aclImdb folders with their labels', async () => {
    const root = join(dir, 'acl-texts');
    writeAclImdb(root, { train: smallSplit(3, 'texts') });
    const { records } = await collect(join(root, 'train'));
    expect(records.length).toBe(6);
    expect(records.every((r) => r.label === 0 || r.label === 1)).toBe(true);
  });
});

describe('inferred labels', () => {
  test('loadRecords learns the classes from the data when asked and no map is given', async () => {
    const path = file(
      'three.jsonl',
      jsonl([
        { text: 'meh', label: 'neutral' },
        { text: 'great', label: 'positive' },
        { text: 'awful', label: 'negative' },
      ]),
    );
    const { records, classNames } = await loadRecords(path, { inferLabels: true });
    expect(classNames).toEqual(['negative', 'neutral', 'positive']);
    expect(records.map((r) => r.label)).toEqual([1, 2, 0]);
    const strict = await loadRecords(path);
    expect(strict.summary.skipped).toBe(1);
  });
});
