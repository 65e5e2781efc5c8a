// The direction worker: owns its own XNN module and runs one direction of every fused BiLSTM layer.
// Requests arrive synchronously (a message on the port plus an Atomics notify), so the main thread can wait
// for the result inside a tfjs kernel, which must be synchronous.
import { type MessagePort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { CTRL, type EngineMessage } from './engine-protocol.ts';
import { LstmDirection } from './lstm-direction.ts';
import { XnnModule } from './xnn-module.ts';

const { control, port } = workerData as { control: SharedArrayBuffer; port: MessagePort };
const ctrl = new Int32Array(control);
// However this thread ends, the thread blocked on it learns at once instead of waiting out its deadline.
const stopped = (): void => {
  Atomics.store(ctrl, CTRL.stopped, 1);
  Atomics.notify(ctrl, CTRL.done);
};
process.on('exit', stopped);
const layers = new Map<number, LstmDirection>();
let xnn: XnnModule;

function run(msg: EngineMessage): boolean {
  switch (msg.op) {
    case 'exit':
      return false;
    case 'fault':
      if (msg.kind === 'exit') process.exit(70);
      // A thread that stops answering without ending: only the caller's deadline notices.
      process.off('exit', stopped);
      for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
    case 'release':
      layers.get(msg.layer)?.dispose();
      layers.delete(msg.layer);
      return true;
    case 'forward': {
      let dir = layers.get(msg.layer);
      if (!dir || dir.inputSize !== msg.inputSize || dir.hidden !== msg.hidden) {
        dir?.dispose();
        dir = new LstmDirection(xnn, msg.inputSize, msg.hidden);
        layers.set(msg.layer, dir);
      }
      dir.setWeights(msg.weights.kernel, msg.weights.recurrent, msg.weights.bias);
      dir.forward(msg, msg.batch, msg.steps, msg.reverse, msg.train, msg.token);
      return true;
    }
    case 'backward': {
      const dir = layers.get(msg.layer);
      if (!dir) throw new Error(`no layer ${msg.layer} in the direction worker`);
      dir.backward(msg, msg.token);
      return true;
    }
  }
}

function serve(): void {
  xnn = XnnModule.create();
  let seen = 0;
  for (;;) {
    Atomics.wait(ctrl, CTRL.request, seen);
    const request = Atomics.load(ctrl, CTRL.request);
    if (request === seen) continue;
    seen = request;
    const received = receiveMessageOnPort(port);
    let keepGoing = true;
    try {
      if (!received) throw new Error('request signalled without a message');
      keepGoing = run(received.message as EngineMessage);
      Atomics.store(ctrl, CTRL.status, 0);
    } catch (error) {
      Atomics.store(ctrl, CTRL.status, 1);
      port.postMessage({ message: error instanceof Error ? error.message : String(error) });
    }
    Atomics.store(ctrl, CTRL.done, seen);
    Atomics.notify(ctrl, CTRL.done);
    if (!keepGoing) break;
  }
}

try {
  serve();
} finally {
  stopped();
  port.close();
}
