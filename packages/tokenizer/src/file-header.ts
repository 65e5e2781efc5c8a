import type { z } from 'zod';
import { TokenizerError } from './errors.ts';
import { formatZodError } from './zod-error.ts';

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

/**
 * Checks a file's `format` and `version` before the full schema, so a file of another kind or version gets
 * `INVALID_FORMAT` or `UNSUPPORTED_VERSION` naming just that, then parses it with the schema.
 * @param what the file kind for messages, e.g. `SentiKit tokenizer file`
 */
export function parseVersionedFile<S extends z.ZodType>(
  json: unknown,
  schema: S,
  format: string,
  version: number,
  what: string,
): z.infer<S> {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new TokenizerError('INVALID_FORMAT', `A ${what} must be a JSON object, got ${describe(json)}`);
  }
  const header = json as { format?: unknown; version?: unknown };
  if (header.format !== format) {
    throw new TokenizerError(
      'INVALID_FORMAT',
      `Not a ${what}: "format" is ${header.format === undefined ? 'missing' : JSON.stringify(header.format)}, expected "${format}"`,
    );
  }
  if (typeof header.version !== 'number') {
    throw new TokenizerError('INVALID_FORMAT', `The ${what} has no numeric "version"`);
  }
  if (header.version !== version) {
    throw new TokenizerError(
      'UNSUPPORTED_VERSION',
      `The ${what} has format version ${header.version}; this release of @sentikit/tokenizer reads version ${version}`,
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new TokenizerError('INVALID_FORMAT', `Invalid ${what}: ${formatZodError(parsed.error)}`, {
      cause: parsed.error,
    });
  }
  return parsed.data;
}
