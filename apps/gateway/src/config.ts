import { z } from 'zod';
import { GatewayError } from './errors.ts';

const count = (min: number) => z.number().int().min(min);

/**
 * The gateway's limits and modes; the one source of the {@link GatewayConfig} type and its defaults.
 * `createGateway` parses what it is given with it, so a partial object is enough.
 */
export const gatewayConfigSchema = z
  .object({
    /** Longest text `classify` accepts, in characters. @default 10000 */
    maxTextChars: count(1).default(10_000),
    /** Most texts one `classifyBatch` request may send. @default 64 */
    maxBatch: count(1).default(64),
    /** How long the batcher waits for more texts after the first one arrives; 0 runs at once. @default 3 */
    batchWindowMs: z.number().min(0).default(3),
    /** Most texts one model call receives; a batch that reaches it runs at once. @default 64 */
    maxBatchSize: count(1).default(64),
    /** Most texts waiting for the model; past it requests fail at once with `OVERLOADED`. @default 1024 */
    queueSize: count(1).default(1024),
    /** Largest request body, in bytes; bigger bodies get 413 before parsing. @default 1048576 */
    maxBodyBytes: count(1).default(1024 * 1024),
    /** `production` turns GraphiQL and the landing page off; `development` shows masked errors' messages. @default 'development' */
    nodeEnv: z.enum(['development', 'production', 'test']).default('development'),
    /** Deepest selection set a query may have (GraphQL Armor). @default 8 */
    maxDepth: count(1).default(8),
    /** Most aliases in one operation (GraphQL Armor). @default 16 */
    maxAliases: count(0).default(16),
    /** Most lexical tokens in one document (GraphQL Armor). @default 1000 */
    maxTokens: count(1).default(1000),
    /** Highest cost of one operation (GraphQL Armor's cost model). @default 5000 */
    maxCost: count(1).default(5000),
  })
  .refine((c) => c.maxBatch <= c.queueSize, {
    message: 'maxBatch must not exceed queueSize, or a full-size batch could never be queued',
    path: ['maxBatch'],
  });

/** The gateway's validated limits and modes. */
export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;

/** What `createGateway` accepts: any subset of {@link GatewayConfig}; the rest takes its default. */
export type GatewayConfigInput = z.input<typeof gatewayConfigSchema>;

/** Lists every zod issue on its own line as `path: message`. */
export function formatIssues(error: z.ZodError, rename: (key: string) => string = (k) => k): string {
  return error.issues
    .map((issue) => `  ${issue.path.map((p) => rename(String(p))).join('.') || '(root)'}: ${issue.message}`)
    .join('\n');
}

/** Validates a partial config and fills in defaults. @throws GatewayError `INVALID_CONFIG` listing each bad field */
export function parseGatewayConfig(input: GatewayConfigInput = {}): GatewayConfig {
  const parsed = gatewayConfigSchema.safeParse(input);
  if (!parsed.success) {
    throw new GatewayError('INVALID_CONFIG', `invalid gateway config:\n${formatIssues(parsed.error)}`);
  }
  return parsed.data;
}
