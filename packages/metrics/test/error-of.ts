import { MetricsError } from '../src/errors.ts';

/** Runs `fn` and returns the MetricsError it throws (fails the test if it throws nothing or something else). */
export function errorOf(fn: () => unknown): MetricsError {
  try {
    fn();
  } catch (e) {
    if (e instanceof MetricsError) return e;
    throw e;
  }
  throw new Error('expected a MetricsError, but nothing was thrown');
}
