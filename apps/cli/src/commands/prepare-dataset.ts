import { downloadImdb, type ResolvedDataset, resolveDataset } from '../dataset.ts';
import { createDownloadProgress } from '../download-progress.ts';
import { cacheDir, readEnv } from '../env.ts';
import { type CliIo, writeLine } from '../io.ts';
import type { DataFormat } from '../read-records.ts';

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
  return resolveDataset({
    env,
    cwd: io.cwd,
    ...(options.data !== undefined ? { data: options.data } : {}),
    ...(options.format !== undefined ? { format: options.format } : {}),
  });
}
