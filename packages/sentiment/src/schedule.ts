import type { TrainingConfig } from './config.ts';

/** The learning rate at a step: linear warm-up to the peak, then constant, linear or cosine decay to 0. */
export function learningRateAt(
  step: number,
  totalSteps: number,
  o: Pick<TrainingConfig, 'learningRate' | 'schedule' | 'warmupSteps'>,
): number {
  if (o.warmupSteps > 0 && step < o.warmupSteps) return (o.learningRate * (step + 1)) / o.warmupSteps;
  if (o.schedule === 'constant') return o.learningRate;
  const span = Math.max(1, totalSteps - o.warmupSteps);
  const progress = Math.min(1, Math.max(0, (step - o.warmupSteps) / span));
  return o.schedule === 'linear'
    ? o.learningRate * (1 - progress)
    : o.learningRate * 0.5 * (1 + Math.cos(Math.PI * progress));
}
