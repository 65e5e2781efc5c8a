import type { ProbabilityInput, ProbabilityTable } from './types.ts';
import { type ReadProbabilityOptions, readProbabilities } from './validate.ts';

/** Predicted classes of a probability table: argmax, lowest index on ties; binary p > 0.5 predicts 1. */
export function argmaxOfTable(table: ProbabilityTable): Int32Array {
  const { values, columns } = table;
  const n = values.length / columns;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (table.layout === 'positive') {
      out[i] = (values[i] as number) > 0.5 ? 1 : 0;
      continue;
    }
    let best = 0;
    for (let j = 1; j < columns; j++) {
      if ((values[i * columns + j] as number) > (values[i * columns + best] as number)) best = j;
    }
    out[i] = best;
  }
  return out;
}

/**
 * Predicted classes from probabilities for `n` samples: the most probable class (the lowest index on ties,
 * as numpy's argmax); for one positive-class probability per sample, 1 when p > 0.5.
 * @example predictClasses([0.2, 0.7, 0.5], 3) // Int32Array [0, 1, 0]
 */
export function predictClasses(
  probabilities: ProbabilityInput,
  n: number,
  options: ReadProbabilityOptions = {},
): Int32Array {
  return argmaxOfTable(readProbabilities(probabilities, n, 'probabilities', options));
}
