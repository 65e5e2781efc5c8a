// `pnpm test`: lint, typecheck and every package's tests through turbo, then one closing line
// "N passed, N failed, N skipped". Extra arguments go to turbo (e.g. --filter=@sentikit/cli).
//
// Some suites skip on what turbo cannot hash (the shared data outside the repo, a system Chromium). What they
// find goes into SENTIKIT_TEST_MACHINE, which turbo.json's test task keys its cache on (SENTIKIT_*): after
// `apt-get install chromium` the gateway's tests run again instead of replaying the cached skip.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
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
  // --summarize: the run's JSON summary names each task's exit code and log, for the report of failures below.
  [
    'run',
    'lint',
    'typecheck',
    'test',
    '--concurrency=2',
    '--continue',
    '--summarize',
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, SENTIKIT_TEST_MACHINE: machine } },
);
if (turbo.error) console.error(`cannot run turbo: ${turbo.error.message} (run pnpm install first)`);
reportFailedTasks();
const summary = summarizeTests(root);
const { passed, failed, skipped } = summary;
// With --filter only some packages run; otherwise a package without results is a failure.
const missing = filtered ? [] : summary.missing;
if (missing.length > 0) console.log(`no test results from: ${missing.join(', ')}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(turbo.status !== 0 || failed > 0 || missing.length > 0 || passed === 0 ? 1 : 0);

/**
 * Prints the end of each failed task's log again, so that the cause of a failure stands beside the closing line
 * instead of hundreds of lines above it (CI shows the end of the output).
 */
function reportFailedTasks() {
  const runs = join(root, '.turbo', 'runs');
  if (turbo.status === 0 || !existsSync(runs)) return;
  const newest = readdirSync(runs)
    .filter((f) => f.endsWith('.json'))
    .map((f) => join(runs, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  if (newest === undefined) return;
  const { tasks } = JSON.parse(readFileSync(newest, 'utf8'));
  for (const task of tasks) {
    const exitCode = task.execution?.exitCode;
    if (typeof exitCode !== 'number' || exitCode === 0) continue;
    const log = join(root, task.logFile);
    const lines = existsSync(log) ? readFileSync(log, 'utf8').trimEnd().split('\n').slice(-40) : ['(no log)'];
    console.log(`\n${task.taskId} failed (exit ${exitCode}); the end of its log:`);
    for (const line of lines) console.log(`  ${line}`);
  }
}
