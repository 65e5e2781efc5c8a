import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { selectBackend } from '@sentikit/bilstm';
import { loadClassifier, SentimentError, type TextClassifier } from '@sentikit/sentiment';
import { CliError } from '../errors.ts';
import { type CliIo, writeLine } from '../io.ts';
import { describeBackend } from './backend-line.ts';

/** The model bundled with the repository, `<repo>/models/imdb-bilstm`, found from this package's folder. */
export const bundledModelDir: string = fileURLToPath(
  new URL('../../../../models/imdb-bilstm', import.meta.url),
);

/** The model folder a command works on: `--model` (relative to the user's directory), else the bundled one. */
export function modelDir(model: string | undefined, io: CliIo): string {
  if (model === undefined) return bundledModelDir;
  return isAbsolute(model) ? model : join(io.cwd, model);
}

/** Selects the backend and loads a saved model of any family; a missing or damaged model is a data error (exit 1). */
export async function loadModelFor(
  args: { model?: string; backend?: string; verbose?: boolean },
  io: CliIo,
): Promise<TextClassifier> {
  const backend = await selectBackend((args.backend ?? io.env['SENTIKIT_BACKEND'] ?? 'auto') as 'auto');
  writeLine(io.stderr, describeBackend(backend, args.verbose === true));
  try {
    return await loadClassifier(modelDir(args.model, io));
  } catch (error) {
    if (error instanceof SentimentError && error.code.startsWith('ARTIFACT')) {
      throw new CliError('DATA_NOT_FOUND', `cannot load the model: ${error.message}`, { cause: error });
    }
    throw error;
  }
}
