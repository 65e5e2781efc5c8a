import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@sentikit/testkit/fixtures';
import { describe, expect, test } from 'vitest';
import { niceTicks, renderCurvesSvg } from './curves-svg.ts';
import { renderReport, writeReport } from './report.ts';
import { type ReportInput, reportInputSchema } from './report-schema.ts';

const history = [1, 2, 3, 4].map((epoch) => ({
  epoch,
  trainLoss: 0.7 / epoch,
  valLoss: 0.6 / Math.sqrt(epoch),
  valAccuracy: 0.7 + epoch * 0.03,
  valPrecision: 0.72 + epoch * 0.03,
  valRecall: 0.68 + epoch * 0.03,
  valF1: 0.7 + epoch * 0.028,
  seconds: 10,
}));
const input: ReportInput = {
  title: 'imdb <BiLSTM> & co',
  created: new Date('2025-01-02T03:04:05Z'),
  history,
  test: {
    accuracy: 0.85,
    precision: 0.86,
    recall: 0.84,
    f1: 0.85,
    loss: 0.35,
    confusionMatrix: [
      [107, 18],
      [20, 105],
    ],
    labels: ['negative', 'positive'],
  },
  config: { epochs: 4, note: '<script>alert("x")</script>', model: { hidden: 64, layers: [1, 2] } },
  classificationReport: 'precision recall\n<neg> 0.85',
};

const voidElements = new Set(['meta', 'br', 'img', 'hr', 'input', 'link']);

/** Checks that every opened tag is closed in order (a small well-formedness check). */
function assertBalanced(markup: string): void {
  const stack: string[] = [];
  for (const match of markup.matchAll(/<(\/?)([a-zA-Z][\w-]*)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = match as unknown as [string, string, string, string];
    const tag = name.toLowerCase();
    if (selfClosing || voidElements.has(tag)) continue;
    if (closing) expect(stack.pop(), `closing </${tag}>`).toBe(tag);
    else stack.push(tag);
  }
  expect(stack).toEqual([]);
}

function polylines(svg: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const m of svg.matchAll(/<polyline data-series="([^"]+)" points="([^"]*)"/g)) {
    found.set(m[1] as string, (m[2] as string).trim().split(/\s+/).length);
  }
  return found;
}

describe('renderCurvesSvg', () => {
  test('is balanced SVG with one polyline per series and a point per epoch', () => {
    const svg = renderCurvesSvg(history);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    assertBalanced(svg);
    expect(polylines(svg)).toEqual(
      new Map([
        ['train-loss', 4],
        ['val-loss', 4],
        ['val-accuracy', 4],
        ['val-f1', 4],
      ]),
    );
  });

  test('keeps every point inside the drawing and leaves non-finite values out', () => {
    const svg = renderCurvesSvg([
      ...history,
      { ...history[0], epoch: 5, valLoss: Number.NaN } as (typeof history)[0],
    ]);
    expect(polylines(svg).get('val-loss')).toBe(4);
    expect(polylines(svg).get('train-loss')).toBe(5);
    for (const m of svg.matchAll(/<circle cx="([\d.-]+)" cy="([\d.-]+)"/g)) {
      expect(Number(m[1])).toBeGreaterThanOrEqual(0);
      expect(Number(m[1])).toBeLessThanOrEqual(840);
      expect(Number(m[2])).toBeGreaterThanOrEqual(0);
      expect(Number(m[2])).toBeLessThanOrEqual(280);
    }
  });

  test('an empty history still renders, saying so', () => {
    const svg = renderCurvesSvg([]);
    assertBalanced(svg);
    expect(polylines(svg).size).toBe(0);
    expect(svg).toContain('no epochs yet');
  });

  test('ticks are round and cover the range', () => {
    const ticks = niceTicks(0.23, 0.71);
    expect(ticks[0]).toBeLessThanOrEqual(0.23);
    expect(ticks.at(-1)).toBeGreaterThanOrEqual(0.71);
    expect(ticks.every((t) => Number.isInteger(Math.round(t * 1e6)) && String(t).length <= 5)).toBe(true);
    expect(niceTicks(1, 1).length).toBeGreaterThan(1);
  });
});

describe('renderReport', () => {
  const html = renderReport(input);

  test('is a balanced, self-contained page with no scripts or external assets', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    assertBalanced(html.replace('<!doctype html>', ''));
    expect(html).not.toMatch(/<script|<link|src=|url\(|@import/i);
    expect(html).not.toMatch(/href="http/);
  });

  test('escapes the title, config values and the classification report', () => {
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('<title>imdb &lt;BiLSTM&gt; &amp; co</title>');
    expect(html).toContain('&lt;neg&gt; 0.85');
  });

  test('shows the metrics, the confusion matrix, the curves, the best epoch and nested config keys', () => {
    expect(html).toContain('<th class="key">accuracy</th><td>0.8500</td>');
    expect(html).toMatch(/<th class="key">negative<\/th><td class="hit">107<\/td><td>18<\/td>/);
    expect(polylines(html).size).toBe(4);
    expect(html).toMatch(/<tr class="best"><td>4<\/td>/);
    expect(html).toContain('<th class="key">model.hidden</th><td class="key">64</td>');
    expect(html).toContain('<th class="key">model.layers</th><td class="key">[1,2]</td>');
    expect(html).toContain('Created 2025-01-02T03:04:05.000Z');
  });

  test('leaves out the test sections without test metrics', () => {
    const { test: _omit, ...rest } = input;
    const page = renderReport(rest);
    expect(page).not.toContain('Confusion matrix');
    expect(page).toContain('Training curves');
  });

  test('an evaluation (no history) has no training sections; data and embeddings are named with coverage', () => {
    const evaluation = renderReport({
      ...input,
      history: [],
      data: { source: '/data/reviews.csv', rows: { evaluated: 125 }, skipped: 2 },
    });
    expect(evaluation).not.toContain('Training curves');
    expect(evaluation).not.toContain('<h2>Epochs</h2>');
    expect(evaluation).not.toContain('<h2>Embeddings</h2>');
    expect(evaluation).toContain(
      '<th class="key">source</th><td class="key">/data/reviews.csv</td></tr><tr><th class="key">evaluated rows</th><td class="key">125</td></tr><tr><th class="key">bad rows skipped</th><td class="key">2</td>',
    );
    const training = renderReport({
      ...input,
      data: { source: 'IMDB', rows: { train: 22500, validation: 2500, test: 25000 } },
      embeddings: {
        source: '/g/glove.txt.gz',
        found: 41234,
        typeCoverage: 0.8123,
        tokenCoverage: 0.9876,
        dim: 50,
      },
    });
    expect(training).toContain('<th class="key">train rows</th><td class="key">22,500</td>');
    expect(training).toContain('<th class="key">coverage of vocabulary types</th><td class="key">81.2%</td>');
    expect(training).toContain('<th class="key">coverage of training tokens</th><td class="key">98.8%</td>');
    expect(renderReport({ ...input, embeddings: null })).toContain(
      'None: the embeddings started from random values.',
    );
  });

  test('writeReport writes both files', async () => {
    const dir = join(tempDir(), 'nested', 'out');
    const paths = await writeReport(dir, input);
    expect(paths).toEqual({ html: join(dir, 'report.html'), svg: join(dir, 'curves.svg') });
    expect(readFileSync(paths.html, 'utf8')).toBe(html);
    expect(readFileSync(paths.svg, 'utf8')).toBe(`${renderCurvesSvg(history)}\n`);
  });

  test('the schema rejects a confusion matrix that does not match the labels', () => {
    const bad = { ...input, test: { ...input.test, confusionMatrix: [[1, 2]] } };
    const result = reportInputSchema.safeParse(bad);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['test', 'confusionMatrix']);
    expect(reportInputSchema.safeParse(input).success).toBe(true);
  });
});
