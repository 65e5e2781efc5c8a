import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { flagName } from './commands/shared-args.ts';
import { trainArgs, trainOptionKeys } from './commands/train-args.ts';
import { trainCommandOptionsSchema } from './train-options.ts';

describe('train options schema', () => {
  test('fills the defaults and derives name and output folder', () => {
    expect(trainCommandOptionsSchema.parse({})).toEqual({
      textColumn: 'text',
      labelColumn: 'label',
      strict: false,
      download: false,
      family: 'auto',
      classWeights: 'auto',
      preset: 'default',
      valFraction: 0.1,
      seed: 42,
      resume: false,
      backend: 'auto',
      keepCheckpoint: false,
      verbose: false,
      name: 'imdb',
      outDir: join('models', 'imdb'),
    });
    expect(trainCommandOptionsSchema.parse({ data: '/x/reviews.csv.gz' })).toMatchObject({
      name: 'reviews',
      outDir: join('models', 'reviews'),
    });
    expect(trainCommandOptionsSchema.parse({ name: 'm1', outDir: 'out' })).toMatchObject({
      name: 'm1',
      outDir: 'out',
    });
  });

  test('takes numbers as numbers or numeric strings and a label map as text or object', () => {
    const parsed = trainCommandOptionsSchema.parse({
      epochs: '3',
      batchSize: 64,
      learningRate: '1e-3',
      valFraction: '0',
      labelMap: 'bad=0,good=1',
    });
    expect(parsed).toMatchObject({ epochs: 3, batchSize: 64, learningRate: 0.001, valFraction: 0 });
    expect(parsed.labelMap).toEqual({ bad: 0, good: 1 });
    expect(trainCommandOptionsSchema.parse({ labelMap: { neg: 0, pos: 1 } }).labelMap).toEqual({
      neg: 0,
      pos: 1,
    });
  });

  test('every schema field has a kebab-case train flag and every flag a field', () => {
    const shape = Object.keys((trainCommandOptionsSchema.def.in as unknown as { shape: object }).shape);
    expect([...trainOptionKeys].sort()).toEqual([...shape].sort());
    const flags = Object.keys(trainArgs).filter((f) => f !== 'config');
    expect(flags.sort()).toEqual(trainOptionKeys.map(flagName).sort());
  });
});
