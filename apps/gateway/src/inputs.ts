import { z } from 'zod';
import type { GatewayConfig } from './config.ts';
import { GatewayError } from './errors.ts';

/** Counts characters as code points, so an emoji is one character. */
function charCount(text: string): number {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}

/** The zod schemas of the GraphQL arguments, built from the configured limits. */
export function inputSchemas(config: Pick<GatewayConfig, 'maxTextChars' | 'maxBatch'>) {
  const text = z.string().superRefine((value, ctx) => {
    if (value.trim().length === 0) {
      ctx.addIssue({ code: 'custom', message: 'must not be empty or only whitespace' });
    } else if (value.length > config.maxTextChars && charCount(value) > config.maxTextChars) {
      ctx.addIssue({
        code: 'custom',
        message: `is ${charCount(value)} characters long; the limit is MAX_TEXT_CHARS = ${config.maxTextChars}`,
      });
    }
  });
  const texts = z.array(text).superRefine((value, ctx) => {
    if (value.length > config.maxBatch) {
      ctx.addIssue({
        code: 'custom',
        message: `has ${value.length} texts; the limit is MAX_BATCH = ${config.maxBatch}`,
      });
    }
  });
  return { text, texts };
}

/** The argument schemas of one gateway. */
export type InputSchemas = ReturnType<typeof inputSchemas>;

/**
 * Parses one argument with its schema.
 * @throws GatewayError `BAD_USER_INPUT` whose message names the argument (and index) and the limit
 */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, name: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.slice(0, 5).map((issue) => {
    const where = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
    return `${name}${where} ${issue.message}`;
  });
  const more = parsed.error.issues.length - problems.length;
  throw new GatewayError(
    'BAD_USER_INPUT',
    `${problems.join('; ')}${more > 0 ? `; and ${more} more problem${more === 1 ? '' : 's'}` : ''}`,
  );
}
