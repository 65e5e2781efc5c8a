// A 3-class model end to end: CLI train -> evaluate -> predict -> the gateway serving it (classify,
// classifyBatch, model), on generated data with labels the CLI has to learn from the file.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createGateway } from '@sentikit/gateway';
import { loadSentimentModel } from '@sentikit/sentiment';
import { tempDir } from '@sentikit/testkit/fixtures';
import { describe, expect, test } from 'vitest';
import { memoryIo } from '../test/memory-io.ts';
import { runCli } from './run-cli.ts';

const words = {
  negative: ['awful', 'dull', 'boring', 'bad', 'worst'],
  neutral: ['table', 'chair', 'window', 'door', 'floor'],
  positive: ['great', 'lovely', 'superb', 'good', 'best'],
};
type Label = keyof typeof words;
const labels = Object.keys(words) as Label[];

/** Rows whose class is told by its words; labels written as the data's own names, in shuffled order. */
function rows(n: number, offset: number): string {
  return Array.from({ length: n }, (_, i) => {
    const label = labels[(i * 7 + offset) % 3] as Label;
    const w = words[label];
    const text = `the ${w[i % 5]} and ${w[(i + 2) % 5]} thing ${i}`;
    return JSON.stringify({ text, label: label.toUpperCase() === 'NEUTRAL' ? 'Neutral' : label });
  }).join('\n');
}

describe('a 3-class model end to end', () => {
  const data = tempDir();
  writeFileSync(join(data, 'train.jsonl.gz'), gzipSync(`${rows(240, 0)}\n`));
  writeFileSync(join(data, 'test.jsonl.gz'), gzipSync(`${rows(30, 1)}\n`));
  const out = join(tempDir(), 'three');
  const env = { SENTIKIT_CACHE: tempDir(), SENTIKIT_BACKEND: 'wasm' };

  test('train, evaluate and predict name the three classes; the gateway serves them', async () => {
    const train = memoryIo({ env });
    // The BiLSTM alone (small data would get the ensemble by default): its config.json holds the labels.
    const args = [
      'train',
      '--data',
      data,
      '--out-dir',
      out,
      '--family',
      'bilstm',
      '--epochs',
      '8',
      '--max-length',
      '16',
    ];
    expect(await runCli([...args, '--learning-rate', '0.01'], train.io)).toBe(0);
    expect(train.stderr()).toMatch(/train +\d+ +negative \d+ +neutral \d+ +positive \d+/);
    expect(train.stdout()).toMatch(/macro: +precision [\d.]+ +recall [\d.]+ +F1 [\d.]+/);
    expect(JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'))).toMatchObject({
      model: { labels: ['negative', 'neutral', 'positive'] },
    });
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<th class="key">neutral</th>');
    expect(html).toContain('weighted F1');

    const evaluate = memoryIo({ env });
    expect(await runCli(['evaluate', '--model', out, '--data', data, '--json'], evaluate.io)).toBe(0);
    const scores = JSON.parse(evaluate.stdout());
    expect(scores.labels).toEqual(['negative', 'neutral', 'positive']);
    expect(scores.confusionMatrix).toHaveLength(3);
    expect(scores.confusionMatrix.every((r: number[]) => r.length === 3)).toBe(true);
    expect(scores.perClass.map((c: { label: string }) => c.label)).toEqual(labels);
    expect(scores.rows).toBe(30);
    expect(scores.accuracy).toBeGreaterThan(0.8);
    const text = memoryIo({ env });
    expect(await runCli(['evaluate', '--model', out, '--data', data], text.io)).toBe(0);
    expect(text.stdout()).toMatch(/weighted: +precision/);
    expect(text.stdout()).toMatch(/ neutral +\d+ +\d+ +\d+\n/);

    const predict = memoryIo({ env });
    expect(await runCli(['predict', '--model', out, 'the chair and the door'], predict.io)).toBe(0);
    const line = JSON.parse(predict.stdout());
    expect(line.label).toBe('neutral');
    expect(line.probabilities.map((p: { label: string }) => p.label)).toEqual(labels);

    const gateway = createGateway({ classifier: loadSentimentModel(out), config: { nodeEnv: 'test' } });
    try {
      await gateway.whenReady();
      const reply = await gateway.yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: `{
            one: classify(text: "superb and lovely") { label sentiment score probabilities { label probability } }
            batch: classifyBatch(texts: ["awful and dull", "the window"]) { label sentiment }
            model { labels }
          }`,
        }),
      });
      const body = (await reply.json()) as {
        errors?: unknown;
        data: {
          one: { label: string; sentiment: null; score: number; probabilities: { label: string }[] };
          batch: { label: string; sentiment: null }[];
          model: { labels: string[] };
        };
      };
      expect(body.errors).toBeUndefined();
      expect(body.data.one).toMatchObject({ label: 'positive', sentiment: null });
      expect(body.data.one.probabilities.map((p) => p.label)).toEqual(labels);
      expect(body.data.batch).toEqual([
        { label: 'negative', sentiment: null },
        { label: 'neutral', sentiment: null },
      ]);
      expect(body.data.model.labels).toEqual(labels);
    } finally {
      await gateway.close();
    }
  }, 180_000);

  test('cv: stratified folds, mean and std of every score, fold models not kept', async () => {
    const cv = memoryIo({ env });
    const file = join(data, 'train.jsonl.gz');
    const args = ['cv', '--data', file, '--folds', '3', '--epochs', '3', '--max-length', '16', '--json'];
    expect(await runCli([...args, '--learning-rate', '0.01'], cv.io)).toBe(0);
    const result = JSON.parse(cv.stdout());
    // 240 texts: the default family is the ensemble, each fold weighing its members on its validation part.
    expect(result).toMatchObject({ k: 3, family: 'ensemble', seed: 42, rows: 240, labels });
    expect(cv.stderr()).toContain('family: ensemble (145 training texts (under 10,000)');
    expect(result.folds.map((f: { size: number }) => f.size)).toEqual([80, 80, 80]);
    for (const key of ['accuracy', 'macroPrecision', 'macroRecall', 'macroF1', 'weightedF1']) {
      expect(result.summary[key]).toEqual({ mean: expect.any(Number), std: expect.any(Number) });
    }
    expect(cv.stderr()).toMatch(/^fold 3\/3: accuracy [\d.]+, macro precision/m);
    const text = memoryIo({ env });
    expect(
      await runCli(['cv', '--data', file, '--folds', '2', '--epochs', '1', '--max-length', '16'], text.io),
    ).toBe(0);
    expect(text.stdout()).toMatch(/^macro recall +\d\.\d{4} ± \d\.\d{4}$/m);
    const nbsvm = memoryIo({ env });
    expect(
      await runCli(['cv', '--data', file, '--folds', '4', '--family', 'nbsvm', '--json'], nbsvm.io),
    ).toBe(0);
    expect(nbsvm.stderr()).toContain('4-fold cross-validation (nbsvm) of 240 texts');
    expect(JSON.parse(nbsvm.stdout()).summary.accuracy.mean).toBeGreaterThan(0.9);
  }, 180_000);
});
