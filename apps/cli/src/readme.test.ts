import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

test('the README documents every command and exit code', () => {
  const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
  for (const command of ['train', 'evaluate', 'predict', 'info', 'data'])
    expect(readme).toContain(`sentikit ${command}`);
  for (const code of [0, 1, 2, 130, 143]) expect(readme).toMatch(new RegExp(`^\\| ${code} +\\|`, 'm'));
});

test("the root README's quick start uses only commands that exist, and never corepack enable", () => {
  const readme = readFileSync(join(packageDir, '..', '..', 'README.md'), 'utf8');
  const quickStart = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('## Packages'));
  const shellLines = [...quickStart.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) =>
    (m[1] ?? '').split('\n'),
  );
  expect(shellLines.some((l) => /^\s*corepack enable/.test(l))).toBe(false);
  const commands = shellLines.flatMap((l) => /^pnpm sentikit (\w+)/.exec(l)?.[1] ?? []);
  expect(new Set(commands)).toEqual(new Set(['predict', 'info', 'data', 'train']));
  const scripts = Object.keys(
    (JSON.parse(readFileSync(join(packageDir, '..', '..', 'package.json'), 'utf8')) as { scripts: object })
      .scripts,
  );
  for (const script of shellLines.flatMap((l) => /^pnpm (start|test|build)\b/.exec(l)?.[1] ?? []))
    expect(scripts).toContain(script);
});

test('the install note: one line when tfjs-node did not install (as the quick start says), else nothing', async () => {
  const { spawnSync } = await import('node:child_process');
  const { selectBackend } = await import('@sentikit/bilstm');
  const root = join(packageDir, '..', '..');
  const result = spawnSync(process.execPath, [join(root, 'scripts', 'install-note.mjs')], {
    encoding: 'utf8',
  });
  expect(result.status).toBe(0);
  const nodeBackend = (await selectBackend('auto')).backend === 'tensorflow';
  expect(result.stdout).toBe(
    nodeBackend
      ? ''
      : 'sentikit: the optional @tensorflow/tfjs-node did not install (its download fails offline or without a prebuilt binary): expected and harmless, SentiKit runs on the WebAssembly backend.\n',
  );
});
