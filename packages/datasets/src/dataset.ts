import { existsSync } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { type DownloadProgress, downloadFile, imdbArchive } from './download.ts';
import { DatasetError } from './errors.ts';
import { extractAclImdb, isAclImdbRoot } from './extract-aclimdb.ts';
import { isAclImdbSplit } from './read-aclimdb.ts';
import { type DataFormat, detectFormat } from './read-records.ts';

/** One readable dataset part: a file or an aclImdb split folder, with its format. */
export interface DataSource {
  /** Absolute path. */
  path: string;
  /** Its format. */
  format: DataFormat;
}

/**
 * Where the data is: either a `train`/`test` pair (a folder with `train.jsonl.gz` and `test.jsonl.gz` or the
 * like, or an aclImdb tree) or a single source (one file or one aclImdb split folder), which training splits
 * and evaluation reads whole.
 */
export type ResolvedDataset =
  | {
      kind: 'splits';
      name: string;
      root: string;
      train: DataSource;
      test: DataSource;
      /** A validation file beside them (`validation.*`, `val.*` or `dev.*`), when there is one. */
      validation?: DataSource;
    }
  | { kind: 'single'; name: string; source: DataSource };

/** Options of {@link resolveDataset}. */
export interface ResolveDatasetOptions {
  /** A file, an aclImdb folder or a folder with train/test files; when absent, IMDB is looked for in `imdbDirs`. */
  data?: string;
  /** What `data` was given as, for messages (e.g. `--data` or `SENTIKIT_DATA`). @default 'data' */
  dataOrigin?: string;
  /** Overrides the format told from the names. */
  format?: DataFormat;
  /** Folders where the default IMDB dataset may be (e.g. a download cache), in order. @default [] */
  imdbDirs?: readonly string[];
  /** Base of relative paths. @default process.cwd() */
  cwd?: string;
}

const splitExtensions = [
  '.jsonl.gz',
  '.jsonl',
  '.ndjson.gz',
  '.ndjson',
  '.csv',
  '.csv.gz',
  '.tsv',
  '.tsv.gz',
];

/**
 * Finds the dataset: `data`, else the default IMDB dataset, looked for in `imdbDirs`.
 * @throws DatasetError `DATA_NOT_FOUND` with how to get the data, `UNSUPPORTED_FORMAT` for an unknown file type
 */
export async function resolveDataset(options: ResolveDatasetOptions): Promise<ResolvedDataset> {
  const cwd = options.cwd ?? process.cwd();
  const given = options.data;
  if (given !== undefined) {
    const origin = options.dataOrigin ?? 'data';
    const path = resolve(cwd, given);
    const found = await resolvePath(path, options.format);
    if (found) return found;
    throw new DatasetError(
      'DATA_NOT_FOUND',
      `${origin} ${given}: ${existsSync(path) ? 'no dataset in this folder' : 'no such file or directory'}. ` +
        'Expected a .jsonl/.jsonl.gz/.ndjson, .csv or .tsv file, an aclImdb folder (train/ and test/ with ' +
        'pos/ and neg/, or one split with pos/ and neg/), or a folder with train.jsonl.gz and test.jsonl.gz.',
    );
  }
  const candidates = (options.imdbDirs ?? []).map((dir) => resolve(cwd, dir));
  for (const dir of candidates) {
    const found = await resolvePath(dir, undefined, 'imdb');
    if (found) return found;
  }
  throw new DatasetError('DATA_NOT_FOUND', imdbMissingMessage(candidates));
}

/** The message shown when no IMDB data is on disk: where we looked and how to get it. */
export function imdbMissingMessage(lookedIn: readonly string[]): string {
  return [
    'No IMDB data found.',
    `Looked in: ${lookedIn.join(', ')}.`,
    'Get it one of these ways:',
    `  - add --download: fetches ${imdbArchive.fileName} (${Math.round(imdbArchive.size / 1e6)} MB) from`,
    `    ${imdbArchive.url},`,
    '    checks it and extracts it into the cache (SENTIKIT_CACHE, else ~/.cache/sentikit);',
    '  - download and extract that archive yourself, then pass --data path/to/aclImdb (or set SENTIKIT_DATA);',
    '  - pass --data with your own data: a .jsonl/.jsonl.gz/.ndjson, .csv or .tsv file, or a folder with',
    '    train.jsonl.gz and test.jsonl.gz.',
  ].join('\n');
}

async function resolvePath(
  path: string,
  format?: DataFormat,
  name?: string,
): Promise<ResolvedDataset | undefined> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return undefined;
  const datasetName = name ?? (basename(path).replace(/(\.(jsonl|ndjson|csv|tsv))?(\.gz)?$/i, '') || 'data');
  if (!info.isDirectory() || format !== undefined) {
    if (info.isDirectory() && format !== 'aclimdb') return splitFiles(path, datasetName, format);
    return { kind: 'single', name: datasetName, source: { path, format: await detectFormat(path, format) } };
  }
  const files = await splitFiles(path, datasetName);
  if (files) return files;
  for (const root of [path, join(path, 'aclImdb')]) {
    if (isAclImdbRoot(root)) {
      return {
        kind: 'splits',
        name: datasetName,
        root,
        train: { path: join(root, 'train'), format: 'aclimdb' },
        test: { path: join(root, 'test'), format: 'aclimdb' },
      };
    }
  }
  if (isAclImdbSplit(path)) return { kind: 'single', name: datasetName, source: { path, format: 'aclimdb' } };
  return undefined;
}

async function splitFiles(
  dir: string,
  name: string,
  format?: DataFormat,
): Promise<ResolvedDataset | undefined> {
  const find = (split: string) =>
    splitExtensions.map((ext) => join(dir, split + ext)).find((p) => existsSync(p));
  const train = find('train');
  const test = find('test');
  if (!train || !test) return undefined;
  const validation = find('validation') ?? find('val') ?? find('dev');
  return {
    kind: 'splits',
    name,
    root: dir,
    train: { path: train, format: await detectFormat(train, format) },
    test: { path: test, format: await detectFormat(test, format) },
    ...(validation
      ? { validation: { path: validation, format: await detectFormat(validation, format) } }
      : {}),
  };
}

/** Options of {@link downloadImdb}. */
export interface DownloadImdbOptions {
  /** The cache folder (see `cacheDir`). */
  cacheDir: string;
  /** @default imdbArchive.url */
  url?: string;
  /** The expected SHA-256; `null` skips the check (tests, mirrors). @default imdbArchive.sha256 */
  sha256?: string | null;
  /** The expected size; `null` skips the check. @default imdbArchive.size */
  size?: number | null;
  /** Download progress; see {@link DownloadProgress}. */
  onProgress?: DownloadProgress;
  /** Called once the archive is verified, before extraction starts. */
  onExtract?: () => void;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  /**
   * Whether to keep the archive after a successful extraction.
   * @default false
   */
  keepArchive?: boolean;
}

/**
 * Makes sure `<cacheDir>/aclImdb` holds the IMDB reviews: when it is not there yet, downloads the aclImdb v1
 * archive (resumable, size and SHA-256 checked) and extracts its labelled reviews.
 * @returns the aclImdb root and whether anything was downloaded
 */
export async function downloadImdb(
  options: DownloadImdbOptions,
): Promise<{ root: string; downloaded: boolean }> {
  const root = join(options.cacheDir, 'aclImdb');
  if (isAclImdbRoot(root)) return { root, downloaded: false };
  const sha256 = options.sha256 === undefined ? imdbArchive.sha256 : options.sha256;
  const size = options.size === undefined ? imdbArchive.size : options.size;
  await mkdir(options.cacheDir, { recursive: true });
  const archive = await downloadFile({
    url: options.url ?? imdbArchive.url,
    dest: join(options.cacheDir, imdbArchive.fileName),
    ...(sha256 !== null ? { sha256 } : {}),
    ...(size !== null ? { size } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  options.onExtract?.();
  await extractAclImdb(archive.path, options.cacheDir);
  if (!options.keepArchive) {
    await rm(archive.path, { force: true });
    await rm(`${archive.path}.sha256`, { force: true });
  }
  return { root, downloaded: true };
}
