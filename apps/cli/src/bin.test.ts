import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'sentikit.js');
const run = (...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

describe('bin/sentikit.js (from a clone, through tsx)', () => {
  test('--help prints the commands and exits 0', () => {
    const result = run('--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('USAGE sentikit train|evaluate|predict|info|data');
  });

  test('a usage error exits 1 with the message on stderr', () => {
    const result = run('train', '--epochs', '0');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('error: invalid options:\n  --epochs: must be a positive integer');
  });
});
