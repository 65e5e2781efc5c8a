import type { CliIo } from '../src/io.ts';

/** An in-memory CliIo: what the command wrote to stdout and stderr, an explicit env and cwd. */
export function memoryIo(options: { env?: Record<string, string>; cwd?: string; isTTY?: boolean } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: { write: (s: string) => out.push(s), isTTY: options.isTTY ?? false },
    stderr: { write: (s: string) => err.push(s), isTTY: options.isTTY ?? false },
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    now: () => 0,
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}
