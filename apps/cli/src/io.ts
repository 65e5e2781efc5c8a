import type { TextSink } from './progress.ts';

/** A writable text stream that may be a terminal. */
export interface CliStream extends TextSink {
  /** Whether it is a terminal (progress bars and colours only then). */
  isTTY?: boolean;
}

/** Everything a command touches outside itself, so tests can run commands in-process. */
export interface CliIo {
  /** Results (tables, JSON, usage). */
  stdout: CliStream;
  /** Progress, warnings and errors. */
  stderr: CliStream;
  /** Environment variables. */
  env: Record<string, string | undefined>;
  /** Base of relative paths. */
  cwd: string;
  /** Network access for `--download`. @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Clock in milliseconds, for progress throttling. @default Date.now */
  now?: () => number;
}

/**
 * The real process's streams, environment and working directory. Under a package script (`pnpm --filter cli
 * train ...`) relative paths are taken from where the user ran pnpm (`INIT_CWD`), not the package folder.
 */
export function processIo(): CliIo {
  const env = process.env;
  const cwd = env['npm_lifecycle_event'] && env['INIT_CWD'] ? env['INIT_CWD'] : process.cwd();
  return { stdout: process.stdout, stderr: process.stderr, env, cwd };
}

/** Writes a line to a stream. */
export function writeLine(stream: TextSink, line = ''): void {
  stream.write(`${line}\n`);
}
