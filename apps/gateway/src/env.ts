import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { formatIssues, type GatewayConfig, type GatewayConfigInput, gatewayConfigSchema } from './config.ts';
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

const optionalInt = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, 'expected a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .optional();

const flag = z
  .enum(['true', 'false', '1', '0'], { message: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1')
  .optional();

const list = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== ''),
  )
  .optional()
  .transform((v) => v ?? []);

/** The environment variables the gateway reads; the one place they are named, with their defaults. */
export const envSchema = z.object({
  /** Port to listen on; 0 picks a free one. @default 4000 */
  PORT: int(0, 4000, 65_535),
  /** Address to listen on; anything but loopback exposes the server (see the README). @default '127.0.0.1' */
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
  /** Most texts per `classifyBatch` field. @default 64 */
  MAX_BATCH: int(1, 64),
  /** Most texts per request, over all its fields and aliases (`TOO_MANY_TEXTS` past it). @default 64 */
  MAX_REQUEST_TEXTS: int(1, 64),
  /** Most texts one client address may have waiting (`OVERLOADED` past it); behind a proxy all clients share one. @default 256 */
  MAX_CLIENT_TEXTS: int(1, 256),
  /** Batching window in milliseconds; 0 turns the wait off. @default 3 */
  BATCH_WINDOW_MS: int(0, 3),
  /** Most texts per model call; 1 turns batching off. @default 64 */
  MAX_BATCH_SIZE: int(1, 64),
  /** Most texts waiting for the model before requests fail with `OVERLOADED`. @default 1024 */
  QUEUE_SIZE: int(1, 1024),
  /** Longest model call in milliseconds; past it the model is presumed stuck and the gateway exits 1. @default 5000 */
  MODEL_TIMEOUT_MS: int(1, 5000),
  /** Largest request body in bytes. @default 1048576 (1 MiB) */
  MAX_BODY_BYTES: int(1, 1024 * 1024),
  /** `development` turns GRAPHIQL, INTROSPECTION and DEBUG_ERRORS on by default. @default 'production' */
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  /** Serve GraphiQL to browsers at /graphql. @default true only when NODE_ENV=development */
  GRAPHIQL: flag,
  /** Answer introspection queries. @default true only when NODE_ENV=development */
  INTROSPECTION: flag,
  /** Unexpected errors' messages and stacks in responses. @default true only when NODE_ENV=development */
  DEBUG_ERRORS: flag,
  /** Comma-separated origins CORS allows (e.g. `https://app.example.com`); unset turns CORS off. @default none */
  CORS_ORIGINS: list,
  /** Comma-separated API keys (16+ characters each); when set, /graphql and /metrics require one. @default none */
  API_KEYS: list,
  /** Serve /metrics on this port (on HOST) instead of the gateway's own; unset keeps it on PORT. @default none */
  METRICS_PORT: optionalInt(0, 65_535),
  /** After SIGTERM, how long /ready answers 503 while requests are still served, so load balancers notice. @default 5000 */
  DRAIN_DELAY_MS: int(0, 5000),
  /** After the drain delay, how long in-flight requests may take before connections are cut (exit 1). @default 10000 */
  SHUTDOWN_TIMEOUT_MS: int(1, 10_000),
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
  /** Port of the separate metrics listener, when there is one. */
  metricsPort: number | undefined;
  /** Milliseconds `/ready` answers 503 before the listener closes. */
  drainDelayMs: number;
  /** Milliseconds in-flight requests may take after the listener closed. */
  shutdownTimeoutMs: number;
  /** The gateway's limits and modes. */
  config: GatewayConfig;
}

/** The config field each variable sets, so errors found by the config schema name the variable. */
const configVariables: Record<string, string> = {
  maxTextChars: 'MAX_TEXT_CHARS',
  maxBatch: 'MAX_BATCH',
  maxRequestTexts: 'MAX_REQUEST_TEXTS',
  maxClientTexts: 'MAX_CLIENT_TEXTS',
  batchWindowMs: 'BATCH_WINDOW_MS',
  maxBatchSize: 'MAX_BATCH_SIZE',
  queueSize: 'QUEUE_SIZE',
  modelTimeoutMs: 'MODEL_TIMEOUT_MS',
  maxBodyBytes: 'MAX_BODY_BYTES',
  nodeEnv: 'NODE_ENV',
  graphiql: 'GRAPHIQL',
  introspection: 'INTROSPECTION',
  debugErrors: 'DEBUG_ERRORS',
  corsOrigins: 'CORS_ORIGINS',
  apiKeys: 'API_KEYS',
  metricsEndpoint: 'METRICS_PORT',
};

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
      // Never echo a secret back into logs.
      const value = key === 'API_KEYS' ? undefined : present[key];
      return `  ${key}: ${issue.message}${value === undefined ? '' : ` (got ${JSON.stringify(value)})`}`;
    });
    throw new GatewayError('INVALID_CONFIG', `invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const config = gatewayConfigSchema.safeParse({
    maxTextChars: e.MAX_TEXT_CHARS,
    maxBatch: e.MAX_BATCH,
    maxRequestTexts: e.MAX_REQUEST_TEXTS,
    maxClientTexts: e.MAX_CLIENT_TEXTS,
    batchWindowMs: e.BATCH_WINDOW_MS,
    maxBatchSize: e.MAX_BATCH_SIZE,
    queueSize: e.QUEUE_SIZE,
    modelTimeoutMs: e.MODEL_TIMEOUT_MS,
    maxBodyBytes: e.MAX_BODY_BYTES,
    nodeEnv: e.NODE_ENV,
    ...(e.GRAPHIQL !== undefined ? { graphiql: e.GRAPHIQL } : {}),
    ...(e.INTROSPECTION !== undefined ? { introspection: e.INTROSPECTION } : {}),
    ...(e.DEBUG_ERRORS !== undefined ? { debugErrors: e.DEBUG_ERRORS } : {}),
    corsOrigins: e.CORS_ORIGINS,
    apiKeys: e.API_KEYS,
    metricsEndpoint: e.METRICS_PORT === undefined,
  } satisfies GatewayConfigInput);
  if (!config.success) {
    throw new GatewayError(
      'INVALID_CONFIG',
      `invalid environment:\n${formatIssues(config.error, (key) => configVariables[key] ?? key)}`,
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    modelDir: e.MODEL_DIR,
    modelThread: e.MODEL_THREAD,
    logLevel: e.LOG_LEVEL,
    metricsPort: e.METRICS_PORT,
    drainDelayMs: e.DRAIN_DELAY_MS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    config: config.data,
  };
}
