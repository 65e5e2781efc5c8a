// CSV reading: DelimitedParser MB/s on IMDB train written as CSV (25,000 quoted reviews, 64 KiB chunks), and
// how many good rows survive one unclosed quote. One JSON object per line. Run: pnpm --filter @sentikit/datasets bench
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { imdbPath } from '@sentikit/testkit';
import { DelimitedParser } from '../src/delimited-parser.ts';

const print = (o: object) => console.log(JSON.stringify(o));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;

function imdbCsv(): { csv: string; source: string } {
  const path = imdbPath('train');
  if (!existsSync(path)) {
    const rows = Array.from(
      { length: 25_000 },
      (_, i) => `${quote(`review ${i}, "quoted"\nline two ${'x'.repeat(1200)}`)},${i % 2}`,
    );
    return {
      csv: `text,label\n${rows.join('\n')}\n`,
      source: 'synthetic (no shared IMDB; set SENTIKIT_SHARED_DATA)',
    };
  }
  const lines = gunzipSync(readFileSync(path)).toString('utf8').split('\n').filter(Boolean);
  const rows = lines.map((l) => {
    const r = JSON.parse(l) as { text: string; label: number };
    return `${quote(r.text)},${r.label}`;
  });
  return { csv: `text,label\n${rows.join('\n')}\n`, source: path };
}

function parse(csv: string): { rows: number; errors: number } {
  const parser = new DelimitedParser({ delimiter: ',', fields: 'first' });
  let rows = 0;
  let errors = 0;
  const count = (out: ReturnType<DelimitedParser['push']>) => {
    for (const r of out) 'error' in r ? errors++ : rows++;
  };
  for (let i = 0; i < csv.length; i += 65_536) count(parser.push(csv.slice(i, i + 65_536)));
  count(parser.end());
  return { rows, errors };
}

const { csv, source } = imdbCsv();
const mb = Buffer.byteLength(csv) / 1e6;
parse(csv); // warm-up
const rates: number[] = [];
for (let r = 0; r < 21; r++) {
  const t0 = performance.now();
  parse(csv);
  rates.push(mb / ((performance.now() - t0) / 1000));
}
print({
  bench: 'DelimitedParser, IMDB train as CSV',
  source,
  mb: +mb.toFixed(1),
  runs: 21,
  medianMBs: +median(rates).toFixed(1),
  minMBs: +Math.min(...rates).toFixed(1),
  maxMBs: +Math.max(...rates).toFixed(1),
});

for (const quotedAfter of [false, true]) {
  const lines = Array.from({ length: 1000 }, (_, i) =>
    quotedAfter && i % 3 === 0 ? `"row, ${i}",0` : `row ${i},1`,
  );
  lines[498] = `"row 499 never closed,1`;
  const { rows, errors } = parse(`text,label\n${lines.join('\n')}\n`);
  print({
    bench: 'one unclosed quote on line 500 of 1,000',
    quotedRowsAfter: quotedAfter,
    goodRows: 999,
    kept: rows - 1,
    errors,
  });
}
