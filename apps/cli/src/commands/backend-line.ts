import { type BackendSelection, getBiLstmEngine } from '@sentikit/bilstm';

/**
 * One line saying which tfjs backend runs and why faster ones did not, and how the fused BiLSTM runs (threads,
 * and which build of its kernels: `relaxed-simd` or the slower `simd`).
 */
export function describeBackend(s: BackendSelection): string {
  const why = s.skipped.map((k) => `${k.backend}: ${k.reason}`).join('; ');
  const engine = getBiLstmEngine();
  const threads = engine.threads === 1 ? '1 thread' : `${engine.threads} threads`;
  return `backend: ${s.backend}${why ? ` (not used: ${why})` : ''}; fused BiLSTM: ${threads}, ${engine.kernels} kernels`;
}
