import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderCurvesSvg } from './curves-svg.ts';
import { bestEpoch, epochColumns } from './epoch-table.ts';
import { escapeHtml } from './html-escape.ts';
import type { ReportInput, TestMetrics } from './report-schema.ts';

const css = `
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;background:#f9fafb;color:#111827}
main{max-width:900px;margin:0 auto;padding:24px}
h1{margin:0 0 4px;font-size:24px}h2{font-size:17px;margin:28px 0 8px}
.meta{color:#6b7280;margin:0}
table{border-collapse:collapse;background:#fff;font-variant-numeric:tabular-nums}
th,td{border:1px solid #e5e7eb;padding:4px 10px;text-align:right}
th{background:#f3f4f6;font-weight:600}
td.key,th.key{text-align:left}
tr.best td{background:#ecfdf5;font-weight:600}
td.hit{background:#dbeafe;font-weight:600}
pre{background:#fff;border:1px solid #e5e7eb;padding:12px;overflow:auto}
svg{max-width:100%;height:auto;background:#fff;border:1px solid #e5e7eb}
`.trim();

const n4 = (v: number | undefined) => (v === undefined ? '—' : Number.isFinite(v) ? v.toFixed(4) : String(v));

function metricsTable(test: TestMetrics): string {
  const binary = test.labels.length === 2;
  const of = binary ? ` (${test.labels[1]})` : ' (macro)';
  const rows: [string, number | undefined][] = [
    ['accuracy', test.accuracy],
    [`precision${of}`, test.precision],
    [`recall${of}`, test.recall],
    [`F1${of}`, test.f1],
    ...(test.macro && binary
      ? ([
          ['macro precision', test.macro.precision],
          ['macro recall', test.macro.recall],
          ['macro F1', test.macro.f1],
        ] as [string, number][])
      : []),
    ...(test.weighted
      ? ([
          ['weighted precision', test.weighted.precision],
          ['weighted recall', test.weighted.recall],
          ['weighted F1', test.weighted.f1],
        ] as [string, number][])
      : []),
    ['loss', test.loss],
  ];
  return `<table class="metrics">${rows
    .map(([k, v]) => `<tr><th class="key">${escapeHtml(k)}</th><td>${escapeHtml(n4(v))}</td></tr>`)
    .join('')}</table>`;
}

function confusionTable(test: TestMetrics): string {
  const head = test.labels.map((l) => `<th>${escapeHtml(l)}</th>`).join('');
  const body = test.confusionMatrix
    .map((row, i) => {
      const cells = row.map((count, j) => `<td${i === j ? ' class="hit"' : ''}>${count}</td>`).join('');
      return `<tr><th class="key">${escapeHtml(test.labels[i])}</th>${cells}</tr>`;
    })
    .join('');
  return `<table class="confusion"><tr><th class="key">true \\ predicted</th>${head}</tr>${body}</table>`;
}

function historyTable(input: ReportInput): string {
  const best = bestEpoch(input.history);
  const head = epochColumns.map((c) => `<th>${escapeHtml(c.header)}</th>`).join('');
  const body = input.history
    .map((row) => {
      const cells = epochColumns.map((c) => `<td>${escapeHtml(c.value(row))}</td>`).join('');
      return `<tr${row.epoch === best ? ' class="best"' : ''}>${cells}</tr>`;
    })
    .join('');
  const note =
    best === undefined ? '' : `<p class="meta">Best epoch by validation F1: ${best} (highlighted).</p>`;
  return `<table class="history"><tr>${head}</tr>${body}</table>${note}`;
}

const pct = (x: number | null) => (x === null ? 'n/a' : `${(100 * x).toFixed(1)}%`);

function keyTable(rows: [string, string][]): string {
  return `<table class="config">${rows
    .map(([k, v]) => `<tr><th class="key">${escapeHtml(k)}</th><td class="key">${escapeHtml(v)}</td></tr>`)
    .join('')}</table>`;
}

function dataTable(data: NonNullable<ReportInput['data']>): string {
  return keyTable([
    ['source', data.source],
    ...Object.entries(data.rows).map(([split, n]): [string, string] => [
      `${split} rows`,
      n.toLocaleString('en'),
    ]),
    ...(data.skipped ? [['bad rows skipped', data.skipped.toLocaleString('en')] as [string, string]] : []),
  ]);
}

function embeddingsTable(e: ReportInput['embeddings']): string {
  if (!e) return '<p class="meta">None: the embeddings started from random values.</p>';
  return keyTable([
    ['source', e.source],
    ['dimensions', String(e.dim)],
    ['vocabulary words found', e.found.toLocaleString('en')],
    ['coverage of vocabulary types', pct(e.typeCoverage)],
    ['coverage of training tokens', pct(e.tokenCoverage)],
  ]);
}

/** Flattens nested objects to dotted keys; arrays and scalars stay values. */
function flatten(value: Record<string, unknown>, prefix = ''): [string, unknown][] {
  return Object.entries(value).flatMap(([k, v]) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)
      ? flatten(v as Record<string, unknown>, `${prefix}${k}.`)
      : [[`${prefix}${k}`, v] as [string, unknown]],
  );
}

function configTable(config: Record<string, unknown>): string {
  const rows = flatten(config)
    .map(([k, v]) => {
      const shown = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
      return `<tr><th class="key">${escapeHtml(k)}</th><td class="key">${escapeHtml(shown)}</td></tr>`;
    })
    .join('');
  return rows ? `<table class="config">${rows}</table>` : '<p class="meta">(empty)</p>';
}

/**
 * The self-contained `report.html`: inline CSS and SVG, no scripts or external assets. It shows the test
 * metrics and confusion matrix (when given), the data and embeddings with their coverage (when given), the
 * training curves and per-epoch table (when there is a history), the classification report (when given) and
 * the configuration. Every value is HTML-escaped.
 */
export function renderReport(input: ReportInput): string {
  const created = input.created instanceof Date ? input.created.toISOString() : input.created;
  const sections: string[] = [];
  if (input.test) {
    sections.push(`<section><h2>Test metrics</h2>${metricsTable(input.test)}</section>`);
    sections.push(
      `<section><h2>Confusion matrix</h2><p class="meta">Rows are true labels, columns predicted labels.</p>${confusionTable(input.test)}</section>`,
    );
  }
  if (input.data) sections.push(`<section><h2>Data</h2>${dataTable(input.data)}</section>`);
  if (input.embeddings !== undefined) {
    sections.push(`<section><h2>Embeddings</h2>${embeddingsTable(input.embeddings)}</section>`);
  }
  // An evaluation has no training history: no empty charts or tables.
  if (input.history.length > 0) {
    sections.push(`<section><h2>Training curves</h2>${renderCurvesSvg(input.history)}</section>`);
    sections.push(`<section><h2>Epochs</h2>${historyTable(input)}</section>`);
  }
  if (input.classificationReport !== undefined) {
    sections.push(
      `<section><h2>Classification report</h2><pre>${escapeHtml(input.classificationReport)}</pre></section>`,
    );
  }
  sections.push(`<section><h2>Configuration</h2>${configTable(input.config)}</section>`);
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(input.title)}</title>`,
    `<style>${css}</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>${escapeHtml(input.title)}</h1>`,
    `<p class="meta">Created ${escapeHtml(created)}</p>`,
    ...sections,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** Writes `report.html` and `curves.svg` into `dir` (created if needed) and returns their paths. */
export async function writeReport(dir: string, input: ReportInput): Promise<{ html: string; svg: string }> {
  await mkdir(dir, { recursive: true });
  const html = join(dir, 'report.html');
  const svg = join(dir, 'curves.svg');
  await writeFile(html, renderReport(input));
  await writeFile(svg, `${renderCurvesSvg(input.history)}\n`);
  return { html, svg };
}
