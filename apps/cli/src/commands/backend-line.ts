import type { BackendSelection } from '@sentikit/bilstm';

/** One line saying which tfjs backend runs and why faster ones did not. */
export function describeBackend(s: BackendSelection): string {
  const why = s.skipped.map((k) => `${k.backend}: ${k.reason}`).join('; ');
  return `backend: ${s.backend}${why ? ` (not used: ${why})` : ''}`;
}
