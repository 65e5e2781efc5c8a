import { isAbsolute, join } from 'node:path';
import { selectBackend } from '@sentikit/bilstm';
import { loadSentimentModel, SentimentError, type SentimentModel } from '@sentikit/sentiment';
import { CliError } from '../errors.ts';
import { type CliIo, writeLine } from '../io.ts';
import { describeBackend } from './backend-line.ts';

/** The model folder a command works on: `--model`, else `models/imdb`, relative to the user's directory. */
export function modelDir(model: string | undefined, io: CliIo): string {
  const dir = model ?? join('models', 'imdb');
  return isAbsolute(dir) ? dir : join(io.cwd, dir);
}

/** Selects the backend and loads a saved model; a missing or damaged model is a data error (exit 1). */
export async function loadModelFor(
  args: { model?: string; backend?: string },
  io: CliIo,
): Promise<SentimentModel> {
  const backend = await selectBackend((args.backend ?? io.env['SENTIKIT_BACKEND'] ?? 'auto') as 'auto');
  writeLine(io.stderr, describeBackend(backend));
  try {
    return await loadSentimentModel(modelDir(args.model, io));
  } catch (error) {
    if (error instanceof SentimentError && error.code.startsWith('ARTIFACT')) {
      throw new CliError('DATA_NOT_FOUND', `cannot load the model: ${error.message}`, { cause: error });
    }
    throw error;
  }
}
