import * as tf from '@tensorflow/tfjs-core';

/** The parts of tfjs-backend-wasm's backend this module reads (not in its public types). */
interface WasmBackendInternals {
  dataIdMap: { get(dataId: object): { memoryOffset: number | null } | undefined };
  wasm: { HEAPU8: Uint8Array };
}

function wasmInternals(): WasmBackendInternals | null {
  if (tf.getBackend() !== 'wasm') return null;
  const backend = tf.backend() as unknown as Partial<WasmBackendInternals>;
  return backend.dataIdMap && backend.wasm?.HEAPU8 ? (backend as WasmBackendInternals) : null;
}

/**
 * A float32 tensor's values for reading once, right away. On the wasm backend this is a view onto the
 * backend's heap (no copy): it is valid only until tfjs allocates again, so copy it before any other tfjs call.
 * Elsewhere it is `dataSync()`.
 */
export function readFloats(t: tf.Tensor): Float32Array {
  const wasm = wasmInternals();
  const offset = wasm?.dataIdMap.get(t.dataId)?.memoryOffset;
  if (!wasm || offset === null || offset === undefined) return t.dataSync() as Float32Array;
  return new Float32Array(wasm.wasm.HEAPU8.buffer, offset, t.size);
}

/**
 * A tensor holding `values`, which the caller will overwrite later (engine buffers). The wasm backend copies
 * values into its heap when it makes a tensor, so no copy is made here; other backends may keep the array
 * itself, so they get a copy.
 */
export function tensorFromScratch<R extends tf.Rank>(
  values: Float32Array,
  shape: tf.ShapeMap[R],
): tf.Tensor<R> {
  const owned = tf.getBackend() === 'wasm' ? values : values.slice();
  return tf.tensor(owned, shape, 'float32') as tf.Tensor<R>;
}
