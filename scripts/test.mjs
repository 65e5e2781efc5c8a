// `pnpm test`: lint, typecheck and every package's tests through turbo, then one closing line
// "N passed, N failed, N skipped". Extra arguments go to turbo (e.g. --filter=@sentikit/cli).
//
// Some suites skip on what turbo cannot hash (the shared data outside the repo, a system Chromium). What they
// find goes into SENTIKIT_TEST_MACHINE, which turbo.json's test task keys its cache on (SENTIKIT_*): after
// `apt-get install chromium` the gateway's tests run again instead of replaying the cached skip.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { summarizeTests, testedPackages } from './summarize-tests.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const filtered = process.argv.slice(2).some((a) => a.startsWith('--filter'));
const shared = process.env.SENTIKIT_SHARED_DATA ?? resolve(root, '../shared/data');
const machine = [
  `chromium=${existsSync('/usr/bin/chromium')}`,
  ...['imdb/train.jsonl.gz', 'imdb/test.jsonl.gz', 'glove/glove.6B.50d.top50k.txt.gz'].map(
    (f) => `${f}=${existsSync(join(shared, f))}`,
  ),
].join(',');

// Fresh counts only: a package turbo does not run this time must not count with an old file.
for (const dir of testedPackages(root)) rmSync(join(dir, '.vitest'), { recursive: true, force: true });

const turbo = spawnSync(
  join(root, 'node_modules', '.bin', 'turbo'),
  // --continue: one failing package must not stop the others, so the closing line counts every package.
  ['run', 'lint', 'typecheck', 'test', '--concurrency=2', '--continue', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit', env: { ...process.env, SENTIKIT_TEST_MACHINE: machine } },
);
if (turbo.error) console.error(`cannot run turbo: ${turbo.error.message} (run pnpm install first)`);
const summary = summarizeTests(root);
const { passed, failed, skipped } = summary;
// With --filter only some packages run; otherwise a package without results is a failure.
const missing = filtered ? [] : summary.missing;
if (missing.length > 0) console.log(`no test results from: ${missing.join(', ')}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(turbo.status !== 0 || failed > 0 || missing.length > 0 || passed === 0 ? 1 : 0);
