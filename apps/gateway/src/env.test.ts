import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseGatewayConfig } from './config.ts';
import { defaultModelDir, readEnv } from './env.ts';

describe('readEnv', () => {
  test('an empty environment gives the documented defaults', () => {
    expect(readEnv({})).toEqual({
      port: 4000,
      host: '127.0.0.1',
      modelDir: defaultModelDir,
      modelThread: 'worker',
      logLevel: 'info',
      config: {
        maxTextChars: 10_000,
        maxBatch: 64,
        batchWindowMs: 3,
        maxBatchSize: 64,
        queueSize: 1024,
        maxBodyBytes: 1_048_576,
        nodeEnv: 'development',
      },
    });
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
    expect(env.config).toEqual({
      maxTextChars: 500,
      maxBatch: 8,
      batchWindowMs: 0,
      maxBatchSize: 1,
      queueSize: 16,
      maxBodyBytes: 2048,
      nodeEnv: 'production',
    });
    expect(readEnv({ PORT: '' }).port).toBe(4000);
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
      /MAX_BATCH: 100 exceeds QUEUE_SIZE 50/,
    );
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
