import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { z } from 'zod';
import { CliError } from './errors.ts';

/** Options read from a JSON config file, with the file they came from. */
export interface ConfigFile {
  /** Absolute path of the file. */
  path: string;
  /** Its top-level object. */
  values: Record<string, unknown>;
}

/**
 * Reads a JSON config file (`--config path.json`); its top level must be an object of option names (camelCase,
 * as in the options schema) to values.
 * @throws CliError `INVALID_CONFIG` when the file is missing, not JSON, or not an object
 */
export async function loadConfigFile(path: string, cwd = process.cwd()): Promise<ConfigFile> {
  const absolute = resolve(cwd, path);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (cause) {
    throw new CliError('INVALID_CONFIG', `--config ${path}: cannot read (${(cause as Error).message})`, {
      cause,
    });
  }
  let values: unknown;
  try {
    values = JSON.parse(text);
  } catch (cause) {
    throw new CliError('INVALID_CONFIG', `--config ${path}: invalid JSON (${(cause as Error).message})`, {
      cause,
    });
  }
  if (values === null || typeof values !== 'object' || Array.isArray(values)) {
    throw new CliError('INVALID_CONFIG', `--config ${path}: expected a JSON object of options`);
  }
  return { path: absolute, values: values as Record<string, unknown> };
}

/** Merged options with where each came from: `'cli'` or the config file's path. */
export interface MergedOptions {
  values: Record<string, unknown>;
  origins: Record<string, string>;
}

/**
 * Merges config-file options under command-line ones (the command line wins; `undefined` means not given).
 * Relative paths among `pathKeys` are resolved against the config file's folder (file values) or `cwd` (CLI).
 */
export function mergeOptions(
  cli: Record<string, unknown>,
  file: ConfigFile | undefined,
  options: { pathKeys?: readonly string[]; cwd?: string } = {},
): MergedOptions {
  const pathKeys = new Set(options.pathKeys ?? []);
  const cwd = options.cwd ?? process.cwd();
  const values: Record<string, unknown> = {};
  const origins: Record<string, string> = {};
  const put = (key: string, value: unknown, origin: string, base: string) => {
    values[key] =
      pathKeys.has(key) && typeof value === 'string' && !isAbsolute(value) ? resolve(base, value) : value;
    origins[key] = origin;
  };
  for (const [key, value] of Object.entries(file?.values ?? {})) {
    put(key, value, (file as ConfigFile).path, dirname((file as ConfigFile).path));
  }
  for (const [key, value] of Object.entries(cli)) if (value !== undefined) put(key, value, 'cli', cwd);
  return { values, origins };
}

/**
 * Validates merged options with `schema`, or throws one `INVALID_CONFIG` error listing each bad field as
 * `path: message`: command-line values by their flag (`--batch-size`), config-file values by their key with the
 * file named; unknown keys get a suggestion.
 */
export function validateOptions<S extends z.ZodType>(schema: S, merged: MergedOptions): z.output<S> {
  const result = schema.safeParse(merged.values);
  if (result.success) return result.data;
  const known = knownKeys(schema);
  const lines: string[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const near = suggest(key, known);
        lines.push(
          `${label(merged, key)}: unknown option${near ? ` (did you mean ${near}?)` : ''}${from(merged, key)}`,
        );
      }
      continue;
    }
    const [head, ...tail] = issue.path.map(String);
    const path = head === undefined ? '(options)' : [label(merged, head), ...tail].join('.');
    lines.push(`${path}: ${issue.message}${from(merged, head ?? '')}`);
  }
  throw new CliError('INVALID_CONFIG', `invalid options:\n  ${lines.join('\n  ')}`, { cause: result.error });
}

/** An option as the user wrote it: `--flag-name` for command-line values, else the config key. */
function label(merged: MergedOptions, key: string): string {
  return merged.origins[key] === 'cli' ? `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}` : key;
}

function from(merged: MergedOptions, key: string): string {
  const origin = merged.origins[key];
  return origin && origin !== 'cli' ? ` (in ${origin})` : '';
}

function knownKeys(schema: z.ZodType): string[] {
  // Unwraps pipes/transforms down to the object schema to list its keys.
  let def = (schema as { def?: { type?: string; in?: z.ZodType; shape?: object } }).def;
  while (def && def.type === 'pipe' && def.in) def = (def.in as { def?: typeof def }).def;
  return def?.shape ? Object.keys(def.shape) : [];
}

/** The closest name to `word` among `names` within a small edit distance, if any. */
export function suggest(word: string, names: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const name of names) {
    const d = editDistance(word.toLowerCase(), name.toLowerCase());
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(
        (prev[j] as number) + 1,
        (cur[j - 1] as number) + 1,
        (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    prev = cur;
  }
  return prev[b.length] as number;
}
