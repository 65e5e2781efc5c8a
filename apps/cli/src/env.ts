import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { CliError } from './errors.ts';

const optionalPath = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value : undefined));

/** The environment variables the CLI reads; the one place they are named. */
export const cliEnvSchema = z.object({
  /** Default dataset path when `--data` is not given. */
  SENTIKIT_DATA: optionalPath,
  /** Where downloads go and are looked for. @default `$XDG_CACHE_HOME/sentikit`, else `~/.cache/sentikit` */
  SENTIKIT_CACHE: optionalPath,
  /** The project's shared data folder (`<it>/imdb/{train,test}.jsonl.gz`), for development machines. */
  SENTIKIT_SHARED_DATA: optionalPath,
  /** The XDG cache base, used when `SENTIKIT_CACHE` is not set. */
  XDG_CACHE_HOME: optionalPath,
});

/** The validated environment. */
export type CliEnv = z.infer<typeof cliEnvSchema>;

/** Validates the environment once. @throws CliError `USAGE` listing bad variables */
export function readEnv(env: Record<string, string | undefined>): CliEnv {
  const parsed = cliEnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new CliError('USAGE', `bad environment:\n  ${lines.join('\n  ')}`);
  }
  return parsed.data;
}

/** The download cache folder: `SENTIKIT_CACHE`, else `$XDG_CACHE_HOME/sentikit`, else `~/.cache/sentikit`. */
export function cacheDir(env: CliEnv, cwd = process.cwd()): string {
  if (env.SENTIKIT_CACHE) return resolve(cwd, env.SENTIKIT_CACHE);
  if (env.XDG_CACHE_HOME) return join(resolve(cwd, env.XDG_CACHE_HOME), 'sentikit');
  return join(homedir(), '.cache', 'sentikit');
}
