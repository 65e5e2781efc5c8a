import { join, resolve } from 'node:path';
import { type DataFormat, downloadImdb, type ResolvedDataset, resolveDataset } from '@sentikit/datasets';
import { createDownloadProgress } from '../download-progress.ts';
import { type CliEnv, cacheDir, readEnv } from '../env.ts';
import { type CliIo, writeLine } from '../io.ts';

/**
 * Finds the dataset for a command: with `download` and no explicit data, first makes sure the IMDB archive is
 * downloaded and extracted into the cache (progress on stderr), then resolves `data` / `SENTIKIT_DATA` / IMDB.
 */
export async function prepareDataset(
  options: { data?: string | undefined; format?: DataFormat | undefined; download?: boolean },
  io: CliIo,
): Promise<ResolvedDataset> {
  const env = readEnv(io.env);
  if (options.download && (options.data !== undefined || env.SENTIKIT_DATA !== undefined)) {
    writeLine(
      io.stderr,
      `note: --download ignored, the data comes from ${options.data ?? env.SENTIKIT_DATA}`,
    );
  }
  if (options.download && options.data === undefined && env.SENTIKIT_DATA === undefined) {
    const progress = createDownloadProgress({
      stream: io.stderr,
      isTTY: io.stderr.isTTY === true,
      ...(io.now ? { now: io.now } : {}),
    });
    const dir = cacheDir(env, io.cwd);
    const { root, downloaded } = await downloadImdb({
      cacheDir: dir,
      onProgress: progress.update,
      onExtract: () => {
        progress.finish();
        writeLine(io.stderr, `extracting into ${dir}`);
      },
      ...(io.fetch ? { fetch: io.fetch } : {}),
    });
    if (!downloaded) writeLine(io.stderr, `IMDB already in ${root}`);
  }
  const data = options.data ?? env.SENTIKIT_DATA;
  return resolveDataset({
    cwd: io.cwd,
    imdbDirs: imdbDirs(env, io.cwd),
    ...(data !== undefined
      ? { data, dataOrigin: options.data !== undefined ? '--data' : 'SENTIKIT_DATA' }
      : {}),
    ...(options.format !== undefined ? { format: options.format } : {}),
  });
}

/** The folders where the default IMDB dataset is looked for: the download cache, then the shared data. */
export function imdbDirs(env: CliEnv, cwd = process.cwd()): string[] {
  const dirs = [join(cacheDir(env, cwd), 'aclImdb')];
  if (env.SENTIKIT_SHARED_DATA) dirs.push(join(resolve(cwd, env.SENTIKIT_SHARED_DATA), 'imdb'));
  return dirs;
}
