import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'sentikit.js');
const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const run = (...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

describe('bin/sentikit.js (from a clone, through tsx)', () => {
  test('--help prints the commands and exits 0', () => {
    const result = run('--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('USAGE sentikit train|evaluate|predict|info|data');
  });

  test('a reader that stops early (| head -1) is not an error', () => {
    // 2,000 predictions are far more than a pipe buffers, so the writes outlive `head`.
    const script = `yes 'a fine film' | head -2000 | "${process.execPath}" "${bin}" predict --file - | head -1`;
    const result = spawnSync('sh', ['-c', script], { encoding: 'utf8' });
    expect(result.stdout).toMatch(/^\{"text":"a fine film"/);
    expect(result.stderr).toMatch(/^backend: [^\n]*\n$/);
  });

  test('a usage error exits 1 with the message on stderr', () => {
    const result = run('train', '--epochs', '0');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('error: invalid options:\n  --epochs: must be a positive integer');
  });
});

describe('the root entry, `pnpm sentikit <command>` (root node_modules/.bin/sentikit)', () => {
  const shim = join(repo, 'node_modules', '.bin', 'sentikit');
  // As a user's shell has it: not inside a package script (which makes the CLI resolve paths from INIT_CWD).
  const { npm_lifecycle_event: _e, INIT_CWD: _c, ...env } = process.env;

  test('reaches every command', () => {
    const result = spawnSync(shim, ['--help'], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...env, NO_COLOR: '1' },
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('USAGE sentikit train|evaluate|predict|info|data');
  });

  test('an error is one line on stderr with exit 1, no package-manager noise', () => {
    const result = spawnSync(shim, ['info', '--model', 'no/such/model'], {
      cwd: repo,
      encoding: 'utf8',
      env,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `error: cannot read the model: model directory ${join(repo, 'no/such/model')} does not exist\n`,
    );
  });
});
