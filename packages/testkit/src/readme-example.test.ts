import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { extractCodeBlock } from './readme-example.ts';

test('extracts the first ts block and names a file without one', () => {
  const dir = mkdtempSync(join(tmpdir(), 'readme-'));
  const file = join(dir, 'README.md');
  writeFileSync(
    file,
    '# X\n\n```sh\nls\n```\n\n```ts\nexport const a = 1;\n```\n\n```ts\nexport const b = 2;\n```\n',
  );
  expect(extractCodeBlock(file)).toBe('export const a = 1;\n');
  writeFileSync(file, 'nothing here');
  expect(() => extractCodeBlock(file)).toThrow(/has no ```ts code block/);
});
