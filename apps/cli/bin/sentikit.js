#!/usr/bin/env node
// Thin launcher. In a clone (src/ and tsx present) it runs the TypeScript source through tsx with the
// @sentikit/source condition, so workspace packages resolve to their src/ and no build is needed;
// otherwise it runs the build in dist/.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = fileURLToPath(new URL('../src/bin.ts', import.meta.url));
let tsx;
try {
  tsx = import.meta.resolve('tsx');
} catch {
  tsx = undefined;
}

if (tsx && existsSync(source)) {
  const child = spawn(
    process.execPath,
    ['--conditions=@sentikit/source', '--import', tsx, source, ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  // Forward signals (the CLI saves a checkpoint on SIGINT and SIGTERM and exits 130 / 143).
  const forward = (signal) => child.kill(signal);
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, forward);
  child.on('exit', (code, signal) => {
    if (signal) {
      // Die of the same signal, so the caller sees what the child saw (a handler would swallow it).
      process.removeListener(signal, forward);
      process.kill(process.pid, signal);
    } else process.exit(code ?? 2);
  });
} else {
  await import(new URL('../dist/bin.js', import.meta.url).href);
}
