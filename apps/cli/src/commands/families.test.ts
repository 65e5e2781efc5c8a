import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { smallSplit, tempDir, writeAclImdb } from '@sentikit/testkit/fixtures';
import { describe, expect, test } from 'vitest';
import { memoryIo } from '../../test/memory-io.ts';
import { runCli } from '../run-cli.ts';

const root = writeAclImdb(join(tempDir(), 'aclImdb'), {
  train: smallSplit(10, 'tr'),
  test: smallSplit(5, 'te'),
});
const env = { SENTIKIT_CACHE: tempDir(), SENTIKIT_BACKEND: 'wasm' };

describe('sentikit train --family nbsvm | ensemble', () => {
  test('nbsvm: an artifact with manifest, card and report that predict, evaluate and info use', async () => {
    const out = join(tempDir(), 'nbsvm');
    const { io, stdout, stderr } = memoryIo({ env });
    expect(await runCli(['train', '--family', 'nbsvm', '--data', root, '--out-dir', out], io)).toBe(0);
    expect(stderr()).toMatch(/features [\d.]+ s \([\d,]+ n-grams\), fit [\d.]+ s/);
    expect(stderr()).toMatch(
      /settings chosen on validation by accuracy: c [\d.]+, beta [\d.]+ \(of 8 tried\)/,
    );
    expect(stdout()).toMatch(/negative +\d\.\d{4} +\d\.\d{4} +\d\.\d{4} +5/);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.family).toBe('nbsvm');
    expect(Object.keys(manifest.files).sort()).toEqual([
      'README.md',
      'metrics.json',
      'nbsvm.bin',
      'nbsvm.json',
      'report.html',
      'training.json',
    ]);
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toContain('sentikit train --family nbsvm');

    const predict = memoryIo({ env });
    expect(await runCli(['predict', '--model', out, 'a fine film'], predict.io)).toBe(0);
    expect(JSON.parse(predict.stdout().trim())).toMatchObject({
      text: 'a fine film',
      tokens: 3,
      truncated: false,
    });

    const evaluate = memoryIo({ env });
    expect(await runCli(['evaluate', '--model', out, '--data', root, '--json'], evaluate.io)).toBe(0);
    expect(JSON.parse(evaluate.stdout())).toMatchObject({ rows: 10 });

    const info = memoryIo({ env });
    expect(await runCli(['info', '--model', out, '--json'], info.io)).toBe(0);
    expect(JSON.parse(info.stdout())).toMatchObject({ family: 'nbsvm', model: { ngrams: 3 } });
  });

  test('ensemble: both members in one artifact, weights from validation', async () => {
    const out = join(tempDir(), 'ensemble');
    const { io, stderr } = memoryIo({ env });
    const args = ['train', '--family', 'ensemble', '--data', root, '--epochs', '1', '--max-length', '32'];
    expect(await runCli([...args, '--out-dir', out], io)).toBe(0);
    expect(stderr()).toMatch(
      /weights chosen on validation by log loss: bilstm [\d.]+, nbsvm [\d.]+ \(validation accuracy [\d.]+\)/,
    );
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.family).toBe('ensemble');
    expect(Object.keys(manifest.files)).toEqual(
      expect.arrayContaining([
        'ensemble.json',
        'members/0-bilstm/manifest.json',
        'members/1-nbsvm/manifest.json',
      ]),
    );
    const predict = memoryIo({ env });
    expect(await runCli(['predict', '--model', out, 'a dull film'], predict.io)).toBe(0);
    expect(['negative', 'positive']).toContain(JSON.parse(predict.stdout().trim()).label);

    const noVal = memoryIo({ env });
    expect(await runCli([...args, '--val-fraction', '0', '--out-dir', join(tempDir(), 'x')], noVal.io)).toBe(
      1,
    );
    expect(noVal.stderr()).toContain('set --val-fraction above 0');
  }, 120_000);

  test('auto (the default): the ensemble for small data, the BiLSTM with --preset seed or no validation', async () => {
    const small = ['train', '--data', root, '--epochs', '1', '--max-length', '32'];
    const auto = memoryIo({ env });
    const out = join(tempDir(), 'auto');
    expect(await runCli([...small, '--out-dir', out], auto.io)).toBe(0);
    expect(auto.stderr()).toContain(
      'family: ensemble (18 training texts (under 10,000): a BiLSTM and an NB-SVM, weights chosen on validation; --family picks another)',
    );
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).family).toBe('ensemble');
    // The member's own folder is gone once the ensemble is saved: only the ensemble's report is offered.
    expect(auto.stdout()).toContain(`report: ${join(out, 'report.html')}`);
    expect(auto.stdout() + auto.stderr()).not.toContain('bilstm-member');

    const seed = memoryIo({ env });
    const seedOut = join(tempDir(), 'seed');
    expect(await runCli([...small, '--preset', 'seed', '--out-dir', seedOut], seed.io)).toBe(0);
    expect(seed.stderr()).toContain(
      'family: bilstm (the seed preset is the BiLSTM tutorial; --family picks another)',
    );
    expect(JSON.parse(readFileSync(join(seedOut, 'manifest.json'), 'utf8')).family).toBe('bilstm');

    const noVal = memoryIo({ env });
    const noValOut = join(tempDir(), 'no-val');
    expect(await runCli([...small, '--val-fraction', '0', '--out-dir', noValOut], noVal.io)).toBe(0);
    expect(noVal.stderr()).toContain('family: bilstm (20 training texts, but no validation set');
  }, 120_000);

  test('three skewed classes: NB-SVM settings by macro recall and balanced, weights by balanced log loss', async () => {
    const words = [
      ['awful', 'dull', 'bad'],
      ['table', 'chair', 'door'],
      ['great', 'lovely', 'good'],
    ];
    const names = ['negative', 'neutral', 'positive'];
    const data = join(tempDir(), 'three.jsonl');
    // Skewed too: 30 negative, 20 neutral, 10 positive.
    const rows = Array.from({ length: 60 }, (_, i) => {
      const c = [0, 0, 0, 1, 1, 2][i % 6] as number;
      const w = words[c] as string[];
      return JSON.stringify({ text: `the ${w[i % 3]} ${w[(i + 1) % 3]} thing ${i}`, label: names[c] });
    });
    writeFileSync(data, `${rows.join('\n')}\n`);
    const nbsvmOut = join(tempDir(), 'nbsvm3');
    const nbsvm = memoryIo({ env });
    expect(
      await runCli(['train', '--family', 'nbsvm', '--data', data, '--out-dir', nbsvmOut], nbsvm.io),
    ).toBe(0);
    expect(nbsvm.stderr()).toMatch(/settings chosen on validation by macro recall \(3 classes\): c [\d.]+/);
    expect(nbsvm.stderr()).toMatch(/validation macro recall [\d.]+/);
    expect(nbsvm.stderr()).toContain(
      'NB-SVM class weights: balanced (classes are skewed, largest/smallest 3.0',
    );
    const nbsvmTraining = JSON.parse(readFileSync(join(nbsvmOut, 'training.json'), 'utf8'));
    expect(nbsvmTraining).toMatchObject({
      family: 'nbsvm',
      settingsMetric: 'macroRecall',
      options: { classWeights: 'balanced' },
    });

    // --class-weights none: neither family balances the classes.
    const plainOut = join(tempDir(), 'nbsvm3-plain');
    const plain = memoryIo({ env });
    const noWeights = ['train', '--data', data, '--class-weights', 'none'];
    expect(await runCli([...noWeights, '--family', 'nbsvm', '--out-dir', plainOut], plain.io)).toBe(0);
    expect(plain.stderr()).not.toContain('NB-SVM class weights');
    expect(JSON.parse(readFileSync(join(plainOut, 'training.json'), 'utf8'))).toMatchObject({
      options: { classWeights: null },
    });
    const bilstmOut = join(tempDir(), 'bilstm3-plain');
    const bilstm = memoryIo({ env });
    const bilstmArgs = [...noWeights, '--family', 'bilstm', '--epochs', '1', '--max-length', '16'];
    expect(await runCli([...bilstmArgs, '--out-dir', bilstmOut], bilstm.io)).toBe(0);
    expect(bilstm.stderr()).toContain(
      'training.classWeights: [1,1,1] (given; the data suggested "balanced")',
    );
    expect(JSON.parse(readFileSync(join(bilstmOut, 'config.json'), 'utf8')).training.options).toMatchObject({
      classWeights: [1, 1, 1],
    });

    const ensembleOut = join(tempDir(), 'ensemble3');
    const ensemble = memoryIo({ env });
    const args = ['train', '--family', 'ensemble', '--data', data, '--epochs', '1', '--max-length', '16'];
    expect(await runCli([...args, '--out-dir', ensembleOut], ensemble.io)).toBe(0);
    expect(ensemble.stderr()).toMatch(
      /weights chosen on validation by balanced log loss \(3 classes\): bilstm [\d.]+, nbsvm [\d.]+ \(validation macro recall [\d.]+\)/,
    );
    const training = JSON.parse(readFileSync(join(ensembleOut, 'training.json'), 'utf8'));
    expect(training).toMatchObject({
      family: 'ensemble',
      weightsMetric: 'balancedLogLoss',
      nbsvm: { settingsMetric: 'macroRecall' },
    });
    expect(JSON.parse(readFileSync(join(ensembleOut, 'members/1-nbsvm/nbsvm.json'), 'utf8'))).toMatchObject({
      options: { classWeights: 'balanced' },
    });
  }, 120_000);
});
