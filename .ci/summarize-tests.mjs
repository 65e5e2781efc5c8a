// Adds up the Vitest JSON results every package wrote under CI and prints one closing line:
// "N passed, N failed, N skipped". Exits 1 when a package wrote no results or any test failed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const roots = ['packages', 'apps'];
// Workspace packages that sit at the top level rather than under a root.
const singles = ['deploy'];
let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];
const dirs = [...roots.flatMap((root) => readdirSync(root).map((name) => join(root, name))), ...singles];
for (const dir of dirs) {
  if (!existsSync(join(dir, 'vitest.config.ts'))) continue;
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
if (missing.length > 0) console.log(`no test results from: ${missing.join(', ')}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || missing.length > 0 || passed === 0 ? 1 : 0);
