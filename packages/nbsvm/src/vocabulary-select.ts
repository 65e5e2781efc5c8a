import type { KeyTable } from './key-table.ts';

/**
 * Picks the vocabulary from counted n-grams: those in at least `minDf` texts, at most `maxFeatures` of them,
 * most frequent first and ties in first-seen order (a df histogram, no sort). Columns are numbered in that
 * order too, so the weights of common n-grams sit together in memory (fewer cache misses when predicting).
 * Returns each id's new column (-1 when dropped) and the kept keys in column order.
 */
export function selectVocabulary(
  table: KeyTable,
  df: Int32Array,
  minDf: number,
  maxFeatures: number,
): { column: Int32Array; keysA: Uint32Array; keysB: Uint32Array } {
  const total = table.size;
  let maxDf = 0;
  for (let id = 0; id < total; id++) if ((df[id] as number) > maxDf) maxDf = df[id] as number;
  const histogram = new Int32Array(maxDf + 1);
  for (let id = 0; id < total; id++)
    histogram[df[id] as number] = (histogram[df[id] as number] as number) + 1;
  // All n-grams with df > tieDf fit; of those with df == tieDf, only the first `quota` seen.
  let tieDf = minDf - 1;
  let quota = 0;
  let kept = 0;
  for (let t = maxDf; t >= minDf; t--) {
    const h = histogram[t] as number;
    if (kept + h > maxFeatures) {
      tieDf = t;
      quota = maxFeatures - kept;
      break;
    }
    kept += h;
  }
  // A counting sort by df, descending: each kept df value's first column.
  const first = new Int32Array(maxDf + 2);
  let next = 0;
  for (let t = maxDf; t >= Math.max(minDf, tieDf); t--) {
    first[t] = next;
    next += t === tieDf ? quota : (histogram[t] as number);
  }
  const column = new Int32Array(total).fill(-1);
  for (let id = 0; id < total; id++) {
    const d = df[id] as number;
    if (d > tieDf || (d === tieDf && quota-- > 0)) {
      column[id] = first[d] as number;
      first[d] = (first[d] as number) + 1;
    }
  }
  const keysA = new Uint32Array(next);
  const keysB = new Uint32Array(next);
  for (let id = 0; id < total; id++) {
    const c = column[id] as number;
    if (c < 0) continue;
    keysA[c] = table.keysA[id] as number;
    keysB[c] = table.keysB[id] as number;
  }
  return { column, keysA, keysB };
}
