import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runReadmeExample } from '@sentikit/testkit';
import { expect, test } from 'vitest';
import type { MetricsSummary } from './index.ts';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

test('the README usage example runs and prints what the README shows', async () => {
  const example = await runReadmeExample(packageDir);
  // tp 4 (i 1, 4, 6, 7), fn 1 (i 2), fp 1 (i 5): P = R = F1 = 0.8
  expect(example['f1']).toBeCloseTo(0.8, 15);
  expect(example['auc']).toBeCloseTo(14 / 15, 15);
  const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
  const shown = /```text\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(example['report']).toBe(shown);
  const summary = example['summary'] as MetricsSummary;
  expect(summary.count).toBe(8);
  expect(summary.accuracy).toBe(0.75);
  expect(summary.fScore).toBe(example['f1']);
  expect(summary.rocAuc).toBe(example['auc']);
});
