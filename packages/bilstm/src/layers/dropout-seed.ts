/**
 * The step counter dropout masks derive their seeds from. The trainer sets it before each batch, so masks
 * differ from batch to batch yet are the same for the same step in every run, resumed runs included.
 */
export const dropoutClock = { step: 0 };

/** A 31-bit seed from a layer's own seed and the current step. */
export function dropoutSeed(layerSeed: number, salt = 0): number {
  let h =
    (Math.imul(layerSeed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(dropoutClock.step + 1, 0xc2b2ae35) + salt) | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return h & 0x7fffffff;
}
