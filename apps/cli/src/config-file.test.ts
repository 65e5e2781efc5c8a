import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@sentikit/testkit/fixtures';
import { describe, expect, test } from 'vitest';
import { trainOptionsFromArgs } from './commands/train-args.ts';
import { loadConfigFile, mergeOptions, suggest, validateOptions } from './config-file.ts';
import { CliError } from './errors.ts';
import { trainCommandOptionsSchema } from './train-options.ts';

const io = (cwd: string) => ({ stdout: { write: () => 0 }, stderr: { write: () => 0 }, env: {}, cwd });
const errorOf = async (p: Promise<unknown>) => (await p.catch((e: unknown) => e)) as CliError;

describe('config file and validation', () => {
  test('the command line wins over the file; relative paths follow their source', async () => {
    const dir = tempDir();
    const file = join(dir, 'conf', 'train.json');
    mkdirSync(join(dir, 'conf'));
    writeFileSync(file, JSON.stringify({ epochs: 5, batchSize: 32, data: 'data.csv', backend: 'wasm' }));
    const options = await trainOptionsFromArgs(
      { config: 'conf/train.json', epochs: '2', 'out-dir': 'out', backend: undefined },
      io(dir),
    );
    expect(options).toMatchObject({
      epochs: 2,
      batchSize: 32,
      backend: 'wasm',
      data: join(dir, 'conf', 'data.csv'),
      outDir: join(dir, 'out'),
      name: 'data',
    });
  });

  test('lists every bad field: flags by flag name, file values by key with the file, unknown keys with a hint', async () => {
    const dir = tempDir();
    const file = join(dir, 'c.json');
    writeFileSync(file, JSON.stringify({ epochs: 2.5, batchsize: 3, labelMap: 'a=0', valFraction: 1 }));
    const error = await errorOf(
      trainOptionsFromArgs({ config: file, 'learning-rate': 'fast', seed: '1.5' }, io(dir)),
    );
    expect(error).toBeInstanceOf(CliError);
    expect(error.code).toBe('INVALID_CONFIG');
    expect(
      error.message
        .split('\n')
        .slice(1)
        .map((l) => l.trim())
        .sort(),
    ).toEqual(
      [
        `epochs: must be a positive integer (in ${file})`,
        `batchsize: unknown option (did you mean batchSize?) (in ${file})`,
        `labelMap: needs at least two classes (in ${file})`,
        `valFraction: must be below 1 (in ${file})`,
        '--learning-rate: must be a positive number',
        '--seed: must be an integer',
      ].sort(),
    );
  });

  test('a missing, non-JSON or non-object config file is INVALID_CONFIG', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.json'), '{ epochs: 3 }');
    writeFileSync(join(dir, 'list.json'), '[1]');
    for (const [name, message] of [
      ['missing.json', /cannot read/],
      ['bad.json', /invalid JSON/],
      ['list.json', /expected a JSON object/],
    ] as const) {
      const error = await errorOf(loadConfigFile(name, dir));
      expect(error.code).toBe('INVALID_CONFIG');
      expect(error.message).toMatch(message);
    }
  });

  test('mergeOptions ignores undefined CLI values and records origins', () => {
    const merged = mergeOptions(
      { a: 1, b: undefined },
      { path: '/c/f.json', values: { b: 2, p: 'x' } },
      {
        pathKeys: ['p'],
      },
    );
    expect(merged).toEqual({
      values: { a: 1, b: 2, p: '/c/x' },
      origins: { a: 'cli', b: '/c/f.json', p: '/c/f.json' },
    });
    expect(() => validateOptions(trainCommandOptionsSchema, { values: { epochs: 0 }, origins: {} })).toThrow(
      /epochs: must be a positive integer/,
    );
  });

  test('suggest finds near names only', () => {
    expect(suggest('epoch', ['epochs', 'seed'])).toBe('epochs');
    expect(suggest('zzzzzz', ['epochs', 'seed'])).toBeUndefined();
  });
});
