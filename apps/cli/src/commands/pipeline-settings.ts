import { join } from 'node:path';
import type { TrainPipelineOptions } from '@sentikit/sentiment';
import { cacheDir, readEnv } from '../env.ts';
import type { CliIo } from '../io.ts';
import type { TrainCommandOptions } from '../train-options.ts';

/**
 * The model and training settings the `train` and `cv` options give the sentiment pipeline: the preset, the
 * explicit overrides (`--class-weights none` as equal weights for the `classes`), and the vectors with their
 * cache (`<cache>/embeddings`, see `cacheDir`).
 */
export function pipelineSettings(
  options: TrainCommandOptions,
  io: CliIo,
  classes: number,
): Pick<TrainPipelineOptions, 'preset' | 'model' | 'training' | 'embeddings' | 'embeddingsCacheDir'> {
  return {
    preset: options.preset,
    model: options.maxLength ? { maxLength: options.maxLength } : {},
    training: {
      ...(options.epochs ? { epochs: options.epochs } : {}),
      ...(options.batchSize ? { batchSize: options.batchSize } : {}),
      ...(options.learningRate ? { learningRate: options.learningRate } : {}),
      ...(options.classWeights === 'balanced' ? { classWeights: 'balanced' as const } : {}),
      ...(options.classWeights === 'none' ? { classWeights: new Array<number>(classes).fill(1) } : {}),
    },
    ...(options.embeddings ? { embeddings: options.embeddings } : {}),
    embeddingsCacheDir: join(cacheDir(readEnv(io.env), io.cwd), 'embeddings'),
  };
}
