// Adds up the Vitest JSON results every package wrote (.vitest/results.json) into one closing line:
// "N passed, N failed, N skipped". Exits 1 when a package wrote no results or any test failed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The packages with tests: every packages/* and apps/* folder, and deploy/, with a vitest.config.ts. */
export function testedPackages(root = '.') {
  return [
    ...['packages', 'apps'].flatMap((group) =>
      readdirSync(join(root, group)).map((name) => join(root, group, name)),
    ),
    join(root, 'deploy'),
  ].filter((dir) => existsSync(join(dir, 'vitest.config.ts')));
}

/** Counts over all packages' results, and the packages that wrote none. */
export function summarizeTests(root = '.') {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const missing = [];
  for (const dir of testedPackages(root)) {
    const file = join(dir, '.vitest', 'results.json');
    if (!existsSync(file)) {
      missing.push(dir);
      continue;
    }
    const r = JSON.parse(readFileSync(file, 'utf8'));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  }
  return { passed, failed, skipped, missing };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { passed, failed, skipped, missing } = summarizeTests();
  if (missing.length > 0) console.log(`no test results from: ${missing.join(', ')}`);
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  process.exit(failed > 0 || missing.length > 0 || passed === 0 ? 1 : 0);
}
