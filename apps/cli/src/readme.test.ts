import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractCodeBlock, runReadmeExample } from '@sentikit/testkit';
import { expect, test } from 'vitest';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

test('the README example runs and shows what it says', async () => {
  const example = await runReadmeExample(packageDir);
  expect(example['counts']).toEqual({ read: 20, skipped: 1, train: 18, val: 2 });
  expect(example['classes']).toEqual(['bad', 'good']);
  expect(example['problem']).toBe('reviews.csv:22: unknown label "maybe" (expected one of: bad, good)');
  const shown = extractCodeBlock(join(packageDir, 'README.md'))
    .split('\n')
    .filter((line) => line.startsWith('// ') && /^\/\/ ( |epoch|\*)/.test(line))
    .map((line) => line.slice(3));
  expect(shown.join('\n')).toBe(example['table']);
});

test('the README documents every command and exit code', () => {
  const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
  for (const command of ['train', 'evaluate', 'predict', 'info', 'data'])
    expect(readme).toContain(`sentikit ${command}`);
  for (const code of [0, 1, 2]) expect(readme).toMatch(new RegExp(`^| ${code} +|`, 'm'));
});
