import { threadId } from 'node:worker_threads';
import { afterEach, describe, expect, test } from 'vitest';
import type { SentimentClassifier } from './classifier.ts';
import { isGatewayError } from './errors.ts';
import { createFakeClassifier } from './fake-classifier.ts';
import type { FakeModelSpec } from './fake-model-loader.ts';
import { memoryLogger } from './test-support.ts';
import { loadWorkerClassifier, type WorkerClassifier } from './worker-classifier.ts';

const loaderUrl = new URL('./fake-model-loader.ts', import.meta.url);
const started: Promise<WorkerClassifier>[] = [];

/** A worker running the fake model that `spec` describes; disposed after the test. */
function fakeWorker(spec: FakeModelSpec = {}, logger = memoryLogger().logger): Promise<WorkerClassifier> {
  const loading = loadWorkerClassifier({ modelDir: JSON.stringify(spec), loaderUrl, logger });
  started.push(loading);
  return loading;
}

afterEach(async () => {
  for (const loading of started.splice(0))
    await loading.then(
      (c) => c.dispose?.(),
      () => undefined,
    );
});

describe('loadWorkerClassifier', () => {
  test('serves the model from another thread with the same answers as in this thread', async () => {
    const worker = await fakeWorker();
    const texts = ['A great, moving film.', 'Boring and awful.', 'a film'];
    expect(await worker.classify(texts)).toEqual(await createFakeClassifier().classify(texts));
    expect(worker.threadId).not.toBe(threadId);
    expect(worker.info).toMatchObject({ name: 'imdb-bilstm', backend: 'fake-worker' });
    expect(worker.tensorCount?.()).toBe(4);
  });

  test('a model that cannot load rejects with its own error, name and code kept', async () => {
    const loading = fakeWorker({ failLoad: 'no model in /nowhere' });
    await expect(loading).rejects.toMatchObject({
      name: 'FakeLoadError',
      code: 'FAKE_LOAD',
      message: 'no model in /nowhere',
    });
  });

  test("a failed call rejects with the model's error and the worker keeps serving", async () => {
    const worker = await fakeWorker({ failOn: 'poison' });
    await expect(worker.classify(['fine', 'poison'])).rejects.toMatchObject({
      code: 'FAKE_FAILED',
      message: 'fake model refused the batch',
    });
    expect(await worker.classify(['great'])).toHaveLength(1);
  });

  test.each(['exit', 'throw'] as const)(
    'a crash (%s) rejects the calls it held and every later one, and is logged',
    async (how) => {
      const log = memoryLogger();
      const worker = await fakeWorker({ crashOn: { text: 'boom', how } }, log.logger);
      const failures: Error[] = [];
      worker.onFailure((error) => failures.push(error));
      const held = worker.classify(['boom']);
      await expect(held).rejects.toSatisfy((e) => isGatewayError(e, 'MODEL_CRASHED'));
      await expect(held).rejects.toThrow(/model worker stopped/);
      await expect(worker.classify(['fine'])).rejects.toSatisfy((e) => isGatewayError(e, 'MODEL_CRASHED'));
      expect(failures).toHaveLength(1);
      expect(isGatewayError(failures[0], 'MODEL_CRASHED')).toBe(true);
      const logged = log.entries.filter((e) => e.msg === 'model worker crashed');
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatchObject({ level: 'error', pending: 1, err: { code: 'MODEL_CRASHED' } });
    },
  );

  test('dispose frees the model and stops the thread without reporting a crash', async () => {
    const log = memoryLogger();
    const worker = await fakeWorker({}, log.logger);
    const failures: Error[] = [];
    worker.onFailure((error) => failures.push(error));
    const call = worker.classify(['great']);
    await worker.dispose?.();
    expect(await call).toHaveLength(1);
    await expect(worker.classify(['great'])).rejects.toSatisfy((e) => isGatewayError(e, 'SHUTTING_DOWN'));
    expect(failures).toEqual([]);
    expect(log.entries.filter((e) => e.level === 'error')).toEqual([]);
  });

  test('results keep their order when many calls wait at once', async () => {
    const worker: SentimentClassifier = await fakeWorker({ overheadMs: 1 });
    const batches = Array.from({ length: 20 }, (_, i) => [`review ${i} was great`, `review ${i} was bad`]);
    const answers = await Promise.all(batches.map((texts) => worker.classify(texts)));
    const expected = await Promise.all(batches.map((texts) => createFakeClassifier().classify(texts)));
    expect(answers).toEqual(expected);
  });
});
