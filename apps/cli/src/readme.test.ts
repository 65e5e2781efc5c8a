import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

test('the README documents every command and exit code', () => {
  const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
  for (const command of ['train', 'evaluate', 'predict', 'info', 'data'])
    expect(readme).toContain(`sentikit ${command}`);
  for (const code of [0, 1, 2]) expect(readme).toMatch(new RegExp(`^| ${code} +|`, 'm'));
});
