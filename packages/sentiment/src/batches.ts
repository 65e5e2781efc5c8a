import { seededRandom } from '@sentikit/bilstm';

/** Fisher–Yates shuffle in place with a seeded generator. */
export function shuffleInPlace<T>(items: T[], seed: number): T[] {
  const rng = seededRandom(seed);
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1));
    const tmp = items[i] as T;
    items[i] = items[j] as T;
    items[j] = tmp;
  }
  return items;
}

/**
 * One epoch's batches of example indices, length-bucketed: shuffle, sort by length inside chunks of
 * `bucketBatches` batches, cut into batches, shuffle the batches. Padding then costs little, yet every epoch
 * sees a different order. Deterministic for a seed and epoch.
 */
export function bucketedBatches(
  lengths: ArrayLike<number>,
  options: { batchSize: number; bucketBatches: number; seed: number; epoch: number },
): number[][] {
  const { batchSize, bucketBatches, seed, epoch } = options;
  const order = shuffleInPlace(
    Array.from({ length: lengths.length }, (_, i) => i),
    (seed * 1_000_003 + epoch * 7919) | 0,
  );
  const chunk = batchSize * bucketBatches;
  const batches: number[][] = [];
  for (let start = 0; start < order.length; start += chunk) {
    const part = order
      .slice(start, start + chunk)
      .sort((a, b) => (lengths[a] as number) - (lengths[b] as number) || a - b);
    for (let b = 0; b < part.length; b += batchSize) batches.push(part.slice(b, b + batchSize));
  }
  return shuffleInPlace(batches, (seed * 31 + epoch * 104_729 + 1) | 0);
}
