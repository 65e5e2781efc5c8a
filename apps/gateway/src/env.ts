import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { GatewayConfig } from './config.ts';
import { GatewayError } from './errors.ts';
import { type LogLevel, logLevels } from './logger.ts';
import type { ModelThread } from './model-loader.ts';

/** The model bundled with the repository: `<repo>/models/imdb-bilstm`, found from this package's folder. */
export const defaultModelDir = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../models/imdb-bilstm',
);

const int = (min: number, fallback: number, max = Number.MAX_SAFE_INTEGER) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, 'expected a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .optional()
    .transform((v) => v ?? fallback);

/** The environment variables the gateway reads; the one place they are named, with their defaults. */
export const envSchema = z.object({
  /** Port to listen on; 0 picks a free one. @default 4000 */
  PORT: int(0, 4000, 65_535),
  /** Address to listen on. @default '127.0.0.1' */
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  /** Folder of the saved model. @default `<repo>/models/imdb-bilstm` */
  MODEL_DIR: z
    .string()
    .trim()
    .min(1)
    .default(defaultModelDir)
    .transform((dir) => resolve(dir)),
  /** Where the model computes: `worker` (its own thread, so HTTP work overlaps it) or `main`. @default 'worker' */
  MODEL_THREAD: z.enum(['worker', 'main'] satisfies ModelThread[]).default('worker'),
  /** Longest text, in characters. @default 10000 */
  MAX_TEXT_CHARS: int(1, 10_000),
  /** Most texts per `classifyBatch` request. @default 64 */
  MAX_BATCH: int(1, 64),
  /** Batching window in milliseconds; 0 turns the wait off. @default 3 */
  BATCH_WINDOW_MS: int(0, 3),
  /** Most texts per model call; 1 turns batching off. @default 64 */
  MAX_BATCH_SIZE: int(1, 64),
  /** Most texts waiting for the model before requests fail with `OVERLOADED`. @default 1024 */
  QUEUE_SIZE: int(1, 1024),
  /** Largest request body in bytes. @default 1048576 (1 MiB) */
  MAX_BODY_BYTES: int(1, 1024 * 1024),
  /** `production` turns GraphiQL off. @default 'development' */
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Lowest log level written. @default 'info' */
  LOG_LEVEL: z.enum(logLevels).default('info'),
});

/** The validated environment, as the server needs it. */
export interface GatewayEnv {
  /** Port to listen on. */
  port: number;
  /** Address to listen on. */
  host: string;
  /** Absolute path of the model folder. */
  modelDir: string;
  /** Where the model computes. */
  modelThread: ModelThread;
  /** Lowest log level written. */
  logLevel: LogLevel;
  /** The gateway's limits and modes. */
  config: Pick<
    GatewayConfig,
    'maxTextChars' | 'maxBatch' | 'batchWindowMs' | 'maxBatchSize' | 'queueSize' | 'maxBodyBytes' | 'nodeEnv'
  >;
}

/**
 * Validates the environment once. Empty variables count as unset.
 * @throws GatewayError `INVALID_CONFIG` listing each bad variable
 */
export function readEnv(env: Readonly<Record<string, string | undefined>>): GatewayEnv {
  const present = Object.fromEntries(
    Object.keys(envSchema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? '(root)');
      const value = present[key];
      return `  ${key}: ${issue.message}${value === undefined ? '' : ` (got ${JSON.stringify(value)})`}`;
    });
    throw new GatewayError('INVALID_CONFIG', `invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.MAX_BATCH > e.QUEUE_SIZE) {
    throw new GatewayError(
      'INVALID_CONFIG',
      `invalid environment:\n  MAX_BATCH: ${e.MAX_BATCH} exceeds QUEUE_SIZE ${e.QUEUE_SIZE}, so a full batch could never be queued`,
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    modelDir: e.MODEL_DIR,
    modelThread: e.MODEL_THREAD,
    logLevel: e.LOG_LEVEL,
    config: {
      maxTextChars: e.MAX_TEXT_CHARS,
      maxBatch: e.MAX_BATCH,
      batchWindowMs: e.BATCH_WINDOW_MS,
      maxBatchSize: e.MAX_BATCH_SIZE,
      queueSize: e.QUEUE_SIZE,
      maxBodyBytes: e.MAX_BODY_BYTES,
      nodeEnv: e.NODE_ENV,
    },
  };
}
