import { type BackendSelection, getBiLstmEngine } from '@sentikit/bilstm';

/**
 * One short line: the tfjs backend that runs and how the fused BiLSTM runs (threads, and which build of its
 * kernels: `relaxed-simd` or the slower `simd`). With `verbose`, also why each faster backend was not used
 * (e.g. tfjs-node's load error, which names its install path).
 */
export function describeBackend(s: BackendSelection, verbose = false): string {
  const engine = getBiLstmEngine();
  const threads = engine.threads === 1 ? '1 thread' : `${engine.threads} threads`;
  const line = `backend: ${s.backend}; fused BiLSTM: ${threads}, ${engine.kernels} kernels`;
  if (s.skipped.length === 0) return line;
  if (!verbose)
    return `${line} (${s.skipped.map((k) => k.backend).join(', ')} not available: --verbose says why)`;
  return `${line}\n${s.skipped.map((k) => `  ${k.backend} not used: ${k.reason}`).join('\n')}`;
}
