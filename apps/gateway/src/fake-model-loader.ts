// A model loader for worker tests: `loadModel(spec)` reads `spec` as JSON instead of a folder and returns the
// fake classifier, optionally failing to load or crashing its thread on a given text. Not in the package API.
import { z } from 'zod';
import type { SentimentClassifier } from './classifier.ts';
import { createFakeClassifier } from './fake-classifier.ts';

/** What a test asks the fake model in the worker to do. */
export const fakeModelSpecSchema = z.object({
  /** Throw this message from `loadModel`. @default never */
  failLoad: z.string().optional(),
  /** Milliseconds to wait before the model is loaded. @default 0 */
  loadDelayMs: z.number().min(0).default(0),
  /** A batch holding this text kills the thread: `exit` calls process.exit(3), `throw` throws uncaught. @default never */
  crashOn: z.object({ text: z.string(), how: z.enum(['exit', 'throw']) }).optional(),
  /** A batch holding this text blocks the thread for good, as a model waiting on a dead thread would. @default never */
  hangOn: z.string().optional(),
  /** A batch holding this text rejects with code `WORKER_STOPPED`, as the BiLSTM does once its threads died. @default never */
  stopOn: z.string().optional(),
  /** A batch holding this text makes `classify` reject with an error coded `FAKE_FAILED`. @default never */
  failOn: z.string().optional(),
  /** Busy CPU per call, in milliseconds. @default 0 */
  overheadMs: z.number().min(0).default(0),
});

/** The JSON a test passes as the worker's model folder. */
export type FakeModelSpec = z.input<typeof fakeModelSpecSchema>;

/** Loads the fake model that `spec` (JSON of a {@link FakeModelSpec}) describes. */
export async function loadModel(spec: string): Promise<SentimentClassifier> {
  const options = fakeModelSpecSchema.parse(JSON.parse(spec));
  await new Promise((resolve) => setTimeout(resolve, options.loadDelayMs));
  if (options.failLoad !== undefined) {
    throw Object.assign(new Error(options.failLoad), { name: 'FakeLoadError', code: 'FAKE_LOAD' });
  }
  let tensors = 4;
  const fake = createFakeClassifier({ overheadMs: options.overheadMs, info: { backend: 'fake-worker' } });
  return {
    info: fake.info,
    async classify(texts) {
      if (options.crashOn && texts.includes(options.crashOn.text)) {
        if (options.crashOn.how === 'exit') process.exit(3);
        setImmediate(() => {
          throw new Error('fake model crashed');
        });
        return new Promise(() => {});
      }
      if (options.hangOn !== undefined && texts.includes(options.hangOn)) {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
      }
      if (options.stopOn !== undefined && texts.includes(options.stopOn)) {
        throw Object.assign(new Error('the direction worker thread stopped'), { code: 'WORKER_STOPPED' });
      }
      if (options.failOn !== undefined && texts.includes(options.failOn)) {
        throw Object.assign(new Error('fake model refused the batch'), { code: 'FAKE_FAILED' });
      }
      return fake.classify(texts);
    },
    tensorCount: () => tensors,
    dispose() {
      tensors = 0;
      fake.dispose?.();
    },
  };
}
