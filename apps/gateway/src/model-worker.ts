// The model worker's entry: loads the model with the loader it is given and answers classify requests, so the
// model's forward pass never blocks the gateway's event loop. Started by src/worker-classifier.ts.
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import type { SentimentClassifier } from './classifier.ts';
import {
  type FromWorker,
  type ModelLoaderModule,
  type ModelWorkerData,
  type ToWorker,
  toWireError,
} from './model-worker-protocol.ts';

async function serve(port: MessagePort, data: ModelWorkerData): Promise<void> {
  const send = (message: FromWorker): void => port.postMessage(message);
  let model: SentimentClassifier;
  try {
    const loader = (await import(data.loaderUrl)) as ModelLoaderModule;
    model = await loader.loadModel(data.modelDir);
  } catch (error) {
    send({ type: 'load-failed', error: toWireError(error) });
    port.close();
    return;
  }
  const tensors = (): number | null => model.tensorCount?.() ?? null;
  // One request at a time, in order; the gateway's batcher sends the next call when one returns.
  let queue = Promise.resolve();
  port.on('message', (message: ToWorker) => {
    queue = queue.then(async () => {
      if (message.type === 'dispose') {
        await model.dispose?.();
        send({ type: 'disposed' });
        port.close();
        return;
      }
      try {
        const results = await model.classify(message.texts);
        send({ type: 'result', id: message.id, results, tensors: tensors() });
      } catch (error) {
        send({ type: 'failed', id: message.id, error: toWireError(error), tensors: tensors() });
      }
    });
  });
  send({ type: 'ready', info: model.info, tensors: tensors() });
}

if (!parentPort) throw new Error('model-worker.ts runs only as a worker thread');
await serve(parentPort, workerData as ModelWorkerData);
