import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseGatewayConfig } from './config.ts';
import { defaultModelDir, readEnv } from './env.ts';

describe('readEnv', () => {
  test('an empty environment gives the documented defaults: production, nothing exposed', () => {
    expect(readEnv({})).toEqual({
      port: 4000,
      host: '127.0.0.1',
      modelDir: defaultModelDir,
      modelThread: 'worker',
      logLevel: 'info',
      metricsPort: undefined,
      drainDelayMs: 5000,
      shutdownTimeoutMs: 10_000,
      config: parseGatewayConfig({}),
    });
    expect(readEnv({}).config).toMatchObject({
      nodeEnv: 'production',
      graphiql: false,
      introspection: false,
      debugErrors: false,
      corsOrigins: [],
      apiKeys: [],
      metricsEndpoint: true,
      maxRequestTexts: 64,
      maxClientTexts: 256,
      modelTimeoutMs: 5000,
    });
  });

  test('NODE_ENV=development turns GraphiQL, introspection and error details on unless each is set', () => {
    expect(readEnv({ NODE_ENV: 'development' }).config).toMatchObject({
      graphiql: true,
      introspection: true,
      debugErrors: true,
    });
    expect(readEnv({ NODE_ENV: 'development', DEBUG_ERRORS: 'false' }).config.debugErrors).toBe(false);
    expect(readEnv({ GRAPHIQL: '1' }).config).toMatchObject({ graphiql: true, introspection: false });
  });

  test('lists are comma-separated; METRICS_PORT moves /metrics off the main port', () => {
    const env = readEnv({
      CORS_ORIGINS: 'https://a.example, https://b.example,',
      API_KEYS: 'k'.repeat(16),
      METRICS_PORT: '9100',
    });
    expect(env.config.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(env.config.apiKeys).toEqual(['k'.repeat(16)]);
    expect(env.metricsPort).toBe(9100);
    expect(env.config.metricsEndpoint).toBe(false);
  });

  test('a short API key is refused without echoing it', () => {
    let message = '';
    try {
      readEnv({ API_KEYS: 'secret-short' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/API_KEYS\.0: an API key must be at least 16 characters/);
    expect(message).not.toContain('secret-short');
  });

  test('the default model folder is models/imdb-bilstm at the repository root', () => {
    const repoRoot = join(import.meta.dirname, '..', '..', '..');
    expect(defaultModelDir).toBe(join(repoRoot, 'models', 'imdb-bilstm'));
  });

  test('variables are read and converted; empty ones count as unset', () => {
    const env = readEnv({
      PORT: '0',
      HOST: '::1',
      MODEL_DIR: '/tmp/model',
      MAX_TEXT_CHARS: '500',
      MAX_BATCH: '8',
      BATCH_WINDOW_MS: '0',
      MAX_BATCH_SIZE: '1',
      QUEUE_SIZE: '16',
      MAX_REQUEST_TEXTS: '8',
      MAX_BODY_BYTES: '2048',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      MODEL_THREAD: 'main',
      UNRELATED: 'x',
      MAX_BATCH_SIZE_: '',
    });
    expect(env).toMatchObject({
      port: 0,
      host: '::1',
      modelDir: '/tmp/model',
      modelThread: 'main',
      logLevel: 'warn',
    });
    expect(env.config).toMatchObject({
      maxTextChars: 500,
      maxRequestTexts: 8,
      maxBatch: 8,
      batchWindowMs: 0,
      maxBatchSize: 1,
      queueSize: 16,
      maxBodyBytes: 2048,
      nodeEnv: 'production',
    });
    expect(readEnv({ PORT: '' }).port).toBe(4000);
    expect(readEnv({ DRAIN_DELAY_MS: '0', SHUTDOWN_TIMEOUT_MS: '2000' })).toMatchObject({
      drainDelayMs: 0,
      shutdownTimeoutMs: 2000,
    });
  });

  test('every bad variable is listed with its value', () => {
    let message = '';
    try {
      readEnv({
        PORT: 'eighty',
        MAX_BATCH: '-1',
        QUEUE_SIZE: '0',
        NODE_ENV: 'staging',
        MODEL_THREAD: 'gpu',
        PORT_: '1',
      });
    } catch (error) {
      expect(error).toMatchObject({ name: 'GatewayError', code: 'INVALID_CONFIG' });
      message = (error as Error).message;
    }
    expect(message).toMatch(/^invalid environment:/);
    expect(message).toMatch(/PORT: expected a whole number \(got "eighty"\)/);
    expect(message).toMatch(/MAX_BATCH: .* \(got "-1"\)/);
    expect(message).toMatch(/QUEUE_SIZE: .* \(got "0"\)/);
    expect(message).toMatch(/NODE_ENV: .* \(got "staging"\)/);
    expect(message).toMatch(/MODEL_THREAD: .*"worker".*"main".* \(got "gpu"\)/);
    expect(message.split('\n')).toHaveLength(6);
  });

  test('a port over 65535 and MAX_BATCH above QUEUE_SIZE are refused', () => {
    expect(() => readEnv({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => readEnv({ MAX_BATCH: '100', QUEUE_SIZE: '50' })).toThrow(
      /MAX_BATCH: maxBatch must not exceed queueSize/,
    );
    expect(() => readEnv({ MAX_REQUEST_TEXTS: '300' })).toThrow(/MAX_REQUEST_TEXTS: /);
  });
});

describe('parseGatewayConfig', () => {
  test('fills defaults and refuses bad fields by name', () => {
    expect(parseGatewayConfig({ maxBatchSize: 1 })).toMatchObject({
      maxBatchSize: 1,
      batchWindowMs: 3,
      queueSize: 1024,
    });
    expect(() => parseGatewayConfig({ queueSize: 0 })).toThrow(/queueSize/);
    expect(() => parseGatewayConfig({ maxBatch: 10, queueSize: 5 })).toThrow(
      /maxBatch must not exceed queueSize/,
    );
  });
});
