// Spends CPU on its own thread for the benchmark's off-main-thread fake model: each message { id, ms } is
// answered with { id } after busy-waiting ms milliseconds, like a model whose kernels run on a worker.
import { parentPort } from 'node:worker_threads';

parentPort?.on('message', ({ id, ms }) => {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // Spin.
  }
  parentPort?.postMessage({ id });
});
