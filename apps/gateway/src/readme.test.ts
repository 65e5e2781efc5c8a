import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runReadmeExample } from '@sentikit/testkit';
import { expect, test } from 'vitest';
import { envSchema } from './env.ts';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');

test('the README usage example runs and answers what it says', async () => {
  const example = await runReadmeExample(packageDir);
  expect(example['status']).toBe(200);
  const result = example['result'] as { data: { classify: Record<string, unknown> } };
  expect(result.data.classify).toMatchObject({ label: 'positive', tokens: 7, truncated: false });
  expect(result.data.classify['score']).toBeGreaterThan(0.95);
  const refusal = example['refusal'] as {
    status: number;
    body: { errors: { message: string; extensions: { code: string } }[] };
  };
  expect(refusal.status).toBe(400);
  expect(refusal.body.errors[0]?.extensions.code).toBe('BAD_USER_INPUT');
  expect(refusal.body.errors[0]?.message).toBe(
    'text is 10001 characters long; the limit is MAX_TEXT_CHARS = 10000',
  );
});

test('the README documents every environment variable', () => {
  for (const name of Object.keys(envSchema.shape)) expect(readme).toContain(`| \`${name}\``);
});
