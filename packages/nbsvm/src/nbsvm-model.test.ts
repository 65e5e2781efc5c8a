import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { NbSvmError } from './errors.ts';
import { NbSvmModel } from './nbsvm-model.ts';

const good = [
  'a great film',
  'great acting and a great plot',
  'loved it , wonderful',
  'wonderful and moving',
  'a joy to watch',
];
const bad = [
  'an awful film',
  'terrible acting and a dull plot',
  'hated it , boring',
  'boring and awful',
  'a waste of time',
];
const texts = [...good, ...bad, ...good.map((t) => `${t} !`), ...bad.map((t) => `${t} !`)];
const labels = texts.map((_, i) => (Math.floor(i / 5) % 2 === 0 ? 1 : 0));

describe('two labels', () => {
  const model = NbSvmModel.train(texts, labels, { ngrams: 2, c: 1, calibrationFolds: 2 });

  test('classifies what it learnt, with probabilities that sum to 1', () => {
    const out = model.classify(['a wonderful , great film', 'awful and boring']);
    expect(out.map((c) => c.label)).toEqual(['positive', 'negative']);
    for (const c of out) {
      expect(c.probabilities.map((p) => p.label)).toEqual(['negative', 'positive']);
      expect(c.probabilities.reduce((sum, p) => sum + p.probability, 0)).toBeCloseTo(1, 6);
      expect(c.score).toBe(Math.max(...c.probabilities.map((p) => p.probability)));
      expect(c.truncated).toBe(false);
    }
    expect(out[1]?.tokens).toBe(3);
    expect(model.stats?.numFeatures).toBe(model.numFeatures);
  });

  test('save and load give the same probabilities', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nbsvm-'));
    try {
      await model.save(dir);
      const loaded = await NbSvmModel.load(dir);
      const probe = ['great plot', 'dull , awful', 'unknown words only'];
      expect(loaded.predictProbabilities(probe)).toEqual(model.predictProbabilities(probe));
      expect(loaded.options).toEqual(model.options);
      expect(loaded.stats).toBeNull();
      // a weights file of another model is refused, not misread
      const bin = await readFile(join(dir, 'nbsvm.bin'));
      await writeFile(join(dir, 'nbsvm.bin'), bin.subarray(0, bin.length - 4));
      await expect(NbSvmModel.load(dir)).rejects.toThrow(/do not belong together/);
      await writeFile(join(dir, 'nbsvm.json'), '{"format":"other"}');
      await expect(NbSvmModel.load(dir)).rejects.toMatchObject({ code: 'INVALID_MODEL_FILE' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('hashing features round-trip too', () => {
    const hashed = NbSvmModel.train(texts, labels, { hashingBits: 12, calibrationFolds: 2 });
    const files = hashed.toFiles();
    expect(files['nbsvm.bin'].byteLength).toBe(4096 * 4);
    const loaded = NbSvmModel.fromFiles(files['nbsvm.json'], files['nbsvm.bin']);
    expect(loaded.predictProbabilities(good)).toEqual(hashed.predictProbabilities(good));
  });
});

test('three labels: one classifier per label, softmax-free normalised probabilities', () => {
  const neutral = [
    'the film is on at eight',
    'it runs two hours',
    'the cast list is online',
    'a film about a ship',
    'shown in the cinema',
  ];
  const all = [...good, ...bad, ...neutral, ...good, ...bad, ...neutral];
  const y = all.map((_, i) => [2, 0, 1][Math.floor(i / 5) % 3] as number);
  const model = NbSvmModel.train(all, y, {
    labels: ['negative', 'neutral', 'positive'],
    ngrams: 2,
    c: 1,
    calibrationFolds: 2,
  });
  expect(model.toFiles()['nbsvm.bin'].byteLength).toBe(model.numFeatures * 4 * (2 + 3));
  const out = model.classify([
    'a great , wonderful plot',
    'boring and awful acting',
    'the film runs at eight',
  ]);
  expect(out.map((c) => c.label)).toEqual(['positive', 'negative', 'neutral']);
  for (const c of out) expect(c.probabilities.reduce((s, p) => s + p.probability, 0)).toBeCloseTo(1, 5);
});

test('classWeights balanced: probabilities divided by the class shares, kept through save and load', () => {
  // 4 positive texts for every negative one.
  const skewed = [...good, ...good.map((t) => `${t} !`), ...good.map((t) => `so ${t}`), ...good, ...bad];
  const y = skewed.map((_, i) => (i < 20 ? 1 : 0));
  const options = { ngrams: 2, c: 1, calibrationFolds: 2 } as const;
  const plain = NbSvmModel.train(skewed, y, options);
  const balanced = NbSvmModel.train(skewed, y, { ...options, classWeights: 'balanced' });
  expect(plain.classShares).toEqual([0.2, 0.8]);
  expect(plain.options.classWeights).toBeNull();
  const probe = ['a film', 'boring plot', 'great acting'];
  const p = plain.predictProbabilities(probe);
  const b = balanced.predictProbabilities(probe);
  for (let i = 0; i < probe.length; i++) {
    // p / share, renormalised: the odds of negative grow by the ratio of the shares (0.8 / 0.2).
    const odds = (p[2 * i] as number) / 0.2 / ((p[2 * i + 1] as number) / 0.8);
    expect((b[2 * i] as number) / (b[2 * i + 1] as number) / odds).toBeCloseTo(1, 4);
    expect((b[2 * i] as number) + (b[2 * i + 1] as number)).toBeCloseTo(1, 6);
  }
  const files = balanced.toFiles();
  const loaded = NbSvmModel.fromFiles(files['nbsvm.json'], files['nbsvm.bin']);
  expect(loaded.predictProbabilities(probe)).toEqual(b);
  // A file that asks for balanced probabilities without the shares is refused, not misread.
  const json = JSON.parse(files['nbsvm.json']);
  delete json.classShares;
  expect(() => NbSvmModel.fromFiles(JSON.stringify(json), files['nbsvm.bin'])).toThrow(
    /classWeights "balanced" but has no classShares/,
  );
});

test('bad training data is a clear INVALID_DATA error', () => {
  const expectError = (f: () => unknown, message: RegExp): void => {
    try {
      f();
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(NbSvmError);
      expect((error as NbSvmError).code).toBe('INVALID_DATA');
      expect((error as Error).message).toMatch(message);
    }
  };
  expectError(() => NbSvmModel.train([], []), /No training texts/);
  expectError(() => NbSvmModel.train(['a', 'b'], [1]), /2 texts but 1 labels/);
  expectError(() => NbSvmModel.train(['a', 'b'], [0, 2]), /Label 2 of text 1 is not an integer in \[0, 2\)/);
  expectError(() => NbSvmModel.train(['a', 'b'], [1, 1]), /No training text has label negative/);
  expect(() => NbSvmModel.train(['a', 'b'], [0, 1], { labels: ['x', 'x'] })).toThrow(
    /labels must be distinct/,
  );
});

test('select tries settings on validation data and trains with the best', () => {
  const model = NbSvmModel.train(
    texts,
    labels,
    { ngrams: 2, calibrationFolds: 2 },
    {
      select: {
        validation: { texts: [...good, ...bad], labels: [1, 1, 1, 1, 1, 0, 0, 0, 0, 0] },
        c: [1e-6, 1],
        beta: [1],
      },
    },
  );
  const selection = model.stats?.selection;
  expect(selection?.trials.map((t) => t.c)).toEqual([1e-6, 1]);
  expect(selection?.c).toBe(model.options.c);
  const best = Math.max(...(selection?.trials.map((t) => t.score) ?? []));
  expect(selection?.trials.find((t) => t.c === selection.c)?.score).toBe(best);
  expect(best).toBe(1);
  expect(() =>
    NbSvmModel.train(texts, labels, {}, { select: { validation: { texts: [], labels: [] } } }),
  ).toThrow(/Selection needs validation texts/);
});
