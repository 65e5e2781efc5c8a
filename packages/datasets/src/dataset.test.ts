import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { smallSplit, tempDir, writeAclImdb } from '@sentikit/testkit/fixtures';
import { describe, expect, test } from 'vitest';
import { resolveDataset } from './dataset.ts';
import { loadTrainingData } from './load-data.ts';

describe('resolveDataset', () => {
  test('a folder with train/test JSONL (the shared layout) gives both splits', async () => {
    const dir = join(tempDir(), 'imdb');
    mkdirSync(dir);
    writeFileSync(join(dir, 'train.jsonl.gz'), '');
    writeFileSync(join(dir, 'test.jsonl.gz'), '');
    expect(await resolveDataset({ data: dir })).toEqual({
      kind: 'splits',
      name: 'imdb',
      root: dir,
      train: { path: join(dir, 'train.jsonl.gz'), format: 'jsonl' },
      test: { path: join(dir, 'test.jsonl.gz'), format: 'jsonl' },
    });
  });

  test('an aclImdb root, a folder holding aclImdb/, and one split folder', async () => {
    const parent = tempDir();
    const root = writeAclImdb(join(parent, 'aclImdb'), {
      train: smallSplit(1, 'a'),
      test: smallSplit(1, 'b'),
    });
    for (const data of [root, parent]) {
      const found = await resolveDataset({ data });
      expect(found).toMatchObject({
        kind: 'splits',
        root,
        train: { path: join(root, 'train'), format: 'aclimdb' },
        test: { path: join(root, 'test'), format: 'aclimdb' },
      });
    }
    expect(await resolveDataset({ data: join(root, 'test') })).toEqual({
      kind: 'single',
      name: 'test',
      source: { path: join(root, 'test'), format: 'aclimdb' },
    });
  });

  test('a file, relative to cwd, named after the file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'reviews.csv.gz'), '');
    const expected = {
      kind: 'single',
      name: 'reviews',
      source: { path: join(dir, 'reviews.csv.gz'), format: 'csv' },
    };
    expect(await resolveDataset({ data: 'reviews.csv.gz', cwd: dir })).toEqual(expected);
    expect(await resolveDataset({ data: join(dir, 'reviews.csv.gz'), dataOrigin: 'SENTIKIT_DATA' })).toEqual(
      expected,
    );
    writeFileSync(join(dir, 'reviews.data'), '');
    expect(await resolveDataset({ data: join(dir, 'reviews.data'), format: 'tsv' })).toMatchObject({
      source: { format: 'tsv' },
    });
  });

  test('finds the downloaded IMDB in the cache, then the shared data', async () => {
    const cache = tempDir();
    const shared = tempDir();
    mkdirSync(join(shared, 'imdb'));
    writeFileSync(join(shared, 'imdb', 'train.jsonl.gz'), '');
    writeFileSync(join(shared, 'imdb', 'test.jsonl.gz'), '');
    const imdbDirs = [join(cache, 'aclImdb'), join(shared, 'imdb')];
    expect(await resolveDataset({ imdbDirs })).toMatchObject({ name: 'imdb', root: join(shared, 'imdb') });
    writeAclImdb(join(cache, 'aclImdb'), { train: smallSplit(1, 'a'), test: smallSplit(1, 'b') });
    expect(await resolveDataset({ imdbDirs })).toMatchObject({ name: 'imdb', root: join(cache, 'aclImdb') });
  });

  test('with nothing on disk, says where it looked and how to get the data', async () => {
    const cache = tempDir();
    const error = await resolveDataset({ imdbDirs: [join(cache, 'aclImdb')] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'DATA_NOT_FOUND' });
    const message = (error as Error).message;
    expect(message).toContain(join(cache, 'aclImdb'));
    expect(message).toContain('https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz');
    expect(message).toContain('--download');
    expect(message).toContain('--data');
  });

  test('a --data path without a dataset names the flag and the expected layouts', async () => {
    await expect(resolveDataset({ data: tempDir(), dataOrigin: '--data' })).rejects.toThrow(
      /^--data .*: no dataset in this folder/,
    );
    await expect(resolveDataset({ data: '/nonexistent/x.csv' })).rejects.toThrow(/no such file or directory/);
  });
});

describe('a validation file beside train and test', () => {
  const jsonl = (rows: [string, string][]) =>
    `${rows.map(([text, label]) => JSON.stringify({ text, label })).join('\n')}\n`;

  test('is found, and training reads it as the validation rows instead of carving them from train', async () => {
    const dir = join(tempDir(), 'tweets');
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'train.jsonl'),
      jsonl([
        ['good', 'pos'],
        ['bad', 'neg'],
        ['fine', 'pos'],
        ['awful', 'neg'],
      ]),
    );
    writeFileSync(
      join(dir, 'validation.jsonl'),
      jsonl([
        ['great', 'pos'],
        ['poor', 'neg'],
      ]),
    );
    writeFileSync(join(dir, 'test.jsonl'), jsonl([['nice', 'pos']]));
    const dataset = await resolveDataset({ data: dir });
    expect(dataset).toMatchObject({ validation: { path: join(dir, 'validation.jsonl'), format: 'jsonl' } });
    const data = await loadTrainingData(dataset, { valFraction: 0.5 });
    expect(data.train.map((r) => r.text)).toEqual(['good', 'bad', 'fine', 'awful']);
    expect(data.val.map((r) => [r.text, data.classNames[r.label]])).toEqual([
      ['great', 'positive'],
      ['poor', 'negative'],
    ]);
    expect(data.parts.validation?.summary.read).toBe(2);
    expect(data.test).toHaveLength(1);
  });
});
