import * as tf from '@tensorflow/tfjs-core';
import { z } from 'zod';
import { BiLstmError } from '../errors.ts';
import { keepProcessListeners } from '../keep-process-listeners.ts';
import { registerCpuDelegates } from './cpu-delegates.ts';
import { registerUnsortedSegmentSum } from './unsorted-segment-sum.ts';

/** Backends a user can ask for; `auto` takes the fastest one that loads. */
export const backendNameSchema = z.enum(['auto', 'tensorflow', 'wasm', 'cpu']);
/** `auto`, `tensorflow` (tfjs-node, native), `wasm` (tfjs-backend-wasm) or `cpu` (plain JavaScript). */
export type BackendName = z.infer<typeof backendNameSchema>;

/** Which backend runs, and why each faster one did not. */
export interface BackendSelection {
  /** The backend tfjs now runs on. */
  backend: 'tensorflow' | 'wasm' | 'cpu';
  /** What was asked for (argument, else `SENTIKIT_BACKEND`, else `auto`). */
  requested: BackendName;
  /** For each faster backend that was tried and not used: why. */
  skipped: { backend: 'tensorflow' | 'wasm'; reason: string }[];
  /** Kernels the package registered because the backend lacked them. */
  addedKernels: string[];
}

const order = ['tensorflow', 'wasm', 'cpu'] as const;

async function load(backend: (typeof order)[number]): Promise<void> {
  switch (backend) {
    case 'tensorflow':
      // An optionalDependency: absent, or present without its native library, where the download failed.
      await import('@tensorflow/tfjs-node' as string);
      break;
    case 'wasm':
      await import('@tensorflow/tfjs-backend-wasm');
      break;
    case 'cpu':
      await import('@tensorflow/tfjs-backend-cpu');
      break;
  }
  const ok = await keepProcessListeners(() => tf.setBackend(backend));
  if (!ok) throw new Error(`tf.setBackend('${backend}') returned false`);
}

/**
 * The cpu backend prints a "use tfjs-node" banner on its first write in Node. Packages never print, and the
 * reason the native backend is not in use is in the selection's `skipped` list, for the caller to show.
 */
function quietCpuBackend(): void {
  const cpu = tf.findBackend('cpu') as (tf.KernelBackend & { firstUse?: boolean }) | null;
  if (cpu && 'firstUse' in cpu) cpu.firstUse = false;
}

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}

/**
 * Picks and initialises the tfjs backend. `auto` takes `@tensorflow/tfjs-node` when it loads, else
 * `@tensorflow/tfjs-backend-wasm`, else `cpu`, and reports why a better one did not run. On wasm and cpu it
 * installs a linear-time `UnsortedSegmentSum` (the gradient of an embedding lookup: wasm lacks it, cpu's is
 * quadratic in the vocabulary), and on wasm it registers the other training kernels wasm lacks as delegates
 * to the cpu backend.
 * @param requested default: `SENTIKIT_BACKEND`, else `auto`
 */
export async function selectBackend(requested?: BackendName): Promise<BackendSelection> {
  const fromEnv = process.env['SENTIKIT_BACKEND'];
  const parsed = backendNameSchema.safeParse(requested ?? fromEnv ?? 'auto');
  if (!parsed.success) {
    throw new BiLstmError(
      'INVALID_ARGUMENT',
      `unknown backend '${requested ?? fromEnv}'${requested ? '' : ' (from SENTIKIT_BACKEND)'}; use auto, tensorflow, wasm or cpu`,
    );
  }
  const want = parsed.data;
  const skipped: BackendSelection['skipped'] = [];
  // The cpu backend is always loaded: it is the fallback and the home of the delegated kernels.
  await import('@tensorflow/tfjs-backend-cpu');
  quietCpuBackend();
  const candidates = want === 'auto' ? order : [want];
  for (const backend of candidates) {
    try {
      await load(backend);
      const addedKernels: string[] = [];
      if (backend !== 'tensorflow') {
        registerUnsortedSegmentSum(backend);
        addedKernels.push(tf.UnsortedSegmentSum);
      }
      if (backend === 'wasm') addedKernels.push(...registerCpuDelegates('wasm'));
      return { backend, requested: want, skipped, addedKernels };
    } catch (error) {
      if (want !== 'auto') {
        throw new BiLstmError(
          'BACKEND_UNAVAILABLE',
          `backend '${backend}' is not available: ${reasonOf(error)}`,
          { cause: error },
        );
      }
      if (backend !== 'cpu') skipped.push({ backend, reason: reasonOf(error) });
    }
  }
  throw new BiLstmError('BACKEND_UNAVAILABLE', 'no tfjs backend could be initialised');
}
