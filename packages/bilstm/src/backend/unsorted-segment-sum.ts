import * as tf from '@tensorflow/tfjs-core';

interface OutputBackend extends tf.KernelBackend {
  makeOutput?(
    shape: number[],
    dtype: tf.DataType,
    memoryOffset?: number,
    values?: tf.backend_util.BackendValues,
  ): tf.TensorInfo;
}

/**
 * UnsortedSegmentSum as one scatter-add pass, O(n·d). It is the gradient of an embedding lookup: tfjs's cpu
 * kernel loops over every segment (every vocabulary row) with full-size ops, O(V·n·d), which at a 50,000-word
 * vocabulary takes minutes per batch; wasm has no kernel at all.
 */
export function unsortedSegmentSumKernel(backendName: string): tf.KernelConfig {
  return {
    kernelName: tf.UnsortedSegmentSum,
    backendName,
    kernelFunc: ({ inputs, attrs, backend }) => {
      const { x, segmentIds } = inputs as { x: tf.TensorInfo; segmentIds: tf.TensorInfo };
      const numSegments = (attrs as { numSegments: number }).numSegments;
      const b = backend as OutputBackend;
      const values = b.readSync(x.dataId) as Float32Array | Int32Array;
      const ids = b.readSync(segmentIds.dataId) as Int32Array;
      const inner = ids.length === 0 ? 0 : values.length / ids.length;
      const outShape = [numSegments, ...x.shape.slice(segmentIds.shape.length)];
      const out =
        x.dtype === 'int32' ? new Int32Array(numSegments * inner) : new Float32Array(numSegments * inner);
      for (let i = 0; i < ids.length; i++) {
        const seg = ids[i] as number;
        if (seg < 0 || seg >= numSegments) continue; // as TensorFlow: out-of-range ids are dropped
        const src = i * inner;
        const dst = seg * inner;
        for (let k = 0; k < inner; k++) out[dst + k] = (out[dst + k] as number) + (values[src + k] as number);
      }
      // wasm keeps tensors on its heap (makeOutput copies there); cpu-like backends take the array as is.
      return backendName === 'wasm' && b.makeOutput
        ? b.makeOutput(outShape, x.dtype, undefined, out)
        : { dataId: b.write(out, outShape, x.dtype), shape: outShape, dtype: x.dtype };
    },
  };
}

/** Installs the scatter-add UnsortedSegmentSum for a backend, replacing a slower one if present. */
export function registerUnsortedSegmentSum(backendName: string): void {
  if (tf.getKernel(tf.UnsortedSegmentSum, backendName))
    tf.unregisterKernel(tf.UnsortedSegmentSum, backendName);
  tf.registerKernel(unsortedSegmentSumKernel(backendName));
}
