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
    /** Most texts one request may send over all its fields and aliases; more fail with `TOO_MANY_TEXTS`. @default 64 */
    maxRequestTexts: count(1).default(64),
    /** Most texts one client address may have waiting; past it its requests fail with `OVERLOADED`. @default 256 */
    maxClientTexts: count(1).default(256),
    /**
     * Longest one model call may take, in milliseconds. A call that misses it fails with `MODEL_TIMEOUT`, the
     * model is presumed stuck, and the gateway stops taking work (`MODEL_CRASHED`, `/ready` 503). @default 5000
     */
    modelTimeoutMs: count(1).default(5000),
    /** Largest request body, in bytes; bigger bodies get 413 before parsing. @default 1048576 */
    maxBodyBytes: count(1).default(1024 * 1024),
    /**
     * `development` is the default of `graphiql`, `introspection` and `debugErrors` (all on); anything else
     * leaves them off unless set. @default 'production'
     */
    nodeEnv: z.enum(['development', 'production', 'test']).default('production'),
    /** Serve GraphiQL at `/graphql` to browsers. @default nodeEnv === 'development' */
    graphiql: z.boolean().optional(),
    /** Answer introspection queries (`__schema`, `__type`) and suggest field names. @default nodeEnv === 'development' */
    introspection: z.boolean().optional(),
    /** Put unexpected errors' messages and stacks in responses (never in public). @default nodeEnv === 'development' */
    debugErrors: z.boolean().optional(),
    /** Origins allowed by CORS (exact, e.g. `https://app.example.com`); empty turns CORS off. @default [] */
    corsOrigins: z.array(z.string().min(1)).default([]),
    /**
     * API keys accepted as `Authorization: Bearer <key>` or `X-Api-Key: <key>` on `/graphql` and `/metrics`;
     * empty lets anyone in (fine on 127.0.0.1, not on a public address). @default []
     */
    apiKeys: z.array(z.string().min(16, 'an API key must be at least 16 characters')).default([]),
    /** Serve `/metrics` on the gateway's own port (behind the API keys when set); false when it has its own port. @default true */
    metricsEndpoint: z.boolean().default(true),
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
  })
  .refine((c) => c.maxBatch <= c.maxRequestTexts, {
    message: 'maxBatch must not exceed maxRequestTexts, or a full-size batch would be refused',
    path: ['maxBatch'],
  })
  .refine((c) => c.maxRequestTexts <= Math.min(c.queueSize, c.maxClientTexts), {
    message:
      'maxRequestTexts must not exceed queueSize or maxClientTexts, or a full-size request could never be queued',
    path: ['maxRequestTexts'],
  })
  .transform((c) => {
    const dev = c.nodeEnv === 'development';
    return {
      ...c,
      graphiql: c.graphiql ?? dev,
      introspection: c.introspection ?? dev,
      debugErrors: c.debugErrors ?? dev,
    };
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
