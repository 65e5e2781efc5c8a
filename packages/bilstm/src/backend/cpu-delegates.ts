import * as tf from '@tensorflow/tfjs-core';

/** Kernels the wasm backend lacks that training can need, with numeric (not complex or string) tensors. */
export const WASM_DELEGATED_KERNELS = [
  'Conv2DBackpropFilter',
  'DepthwiseConv2dNativeBackpropFilter',
  'DepthwiseConv2dNativeBackpropInput',
  'Einsum',
  'RaggedGather',
  'RaggedRange',
  'RaggedTensorToTensor',
] as const;

interface WasmLikeBackend extends tf.KernelBackend {
  makeOutput(
    shape: number[],
    dtype: tf.DataType,
    memoryOffset?: number,
    values?: tf.backend_util.BackendValues,
  ): tf.TensorInfo;
}

/**
 * Registers, for `backendName`, each listed kernel the backend lacks as a delegate to the cpu backend's
 * implementation: inputs are copied to the cpu backend, the cpu kernel runs, outputs are copied back. The
 * kernels concerned are small (e.g. UnsortedSegmentSum, the gradient of an embedding lookup), so the copies
 * cost little. Returns the names registered.
 */
export function registerCpuDelegates(
  backendName: string,
  kernels: readonly string[] = WASM_DELEGATED_KERNELS,
): string[] {
  const registered: string[] = [];
  for (const kernelName of kernels) {
    if (tf.getKernel(kernelName, backendName)) continue;
    const cpuKernel = tf.getKernel(kernelName, 'cpu');
    if (!cpuKernel) continue;
    tf.registerKernel({
      kernelName,
      backendName,
      kernelFunc: ({ inputs, attrs, backend }) => {
        const target = backend as WasmLikeBackend;
        const cpu = tf.findBackend('cpu') as tf.KernelBackend;
        const cpuInputs: Record<string, tf.TensorInfo> = {};
        for (const [name, t] of Object.entries(inputs)) {
          if (!t) continue;
          const values = target.readSync(t.dataId);
          cpuInputs[name] = { dataId: cpu.write(values, t.shape, t.dtype), shape: t.shape, dtype: t.dtype };
        }
        try {
          const out = cpuKernel.kernelFunc({ inputs: cpuInputs, attrs, backend: cpu });
          const outs = Array.isArray(out) ? out : [out];
          const copied = outs.map((o) => {
            const values = cpu.readSync(o.dataId);
            const r = target.makeOutput(o.shape, o.dtype, undefined, values);
            cpu.disposeData(o.dataId);
            return r;
          });
          return Array.isArray(out) ? copied : (copied[0] as tf.TensorInfo);
        } finally {
          for (const t of Object.values(cpuInputs)) cpu.disposeData(t.dataId);
        }
      },
    });
    registered.push(kernelName);
  }
  return registered;
}
