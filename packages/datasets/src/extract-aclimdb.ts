import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { extract } from 'tar';
import { DatasetError } from './errors.ts';
import { isAclImdbSplit } from './read-aclimdb.ts';

const wanted = /^(?:\.\/)?aclImdb\/(?:train|test)\/(?:pos|neg)\/[^/]+\.txt$/;

/** Whether `root` is a complete aclImdb tree: `train/` and `test/`, each with `pos/` and `neg/`. */
export function isAclImdbRoot(root: string): boolean {
  return isAclImdbSplit(join(root, 'train')) && isAclImdbSplit(join(root, 'test'));
}

/**
 * Extracts the labelled reviews of an aclImdb archive (`aclImdb/{train,test}/{pos,neg}/*.txt`; `unsup/` and
 * the bag-of-words files are skipped) into `<destDir>/aclImdb`. It unpacks into a temporary sibling folder and
 * renames it into place, so a half-extracted tree is never taken for a dataset.
 * @returns the extracted root and how many review files it holds
 * @throws DatasetError `ARCHIVE_INVALID` when the archive is unreadable or lacks the labelled folders
 */
export async function extractAclImdb(
  archive: string,
  destDir: string,
): Promise<{ root: string; files: number }> {
  await mkdir(destDir, { recursive: true });
  const tmp = join(destDir, `.aclImdb-extract-${process.pid}-${Date.now()}`);
  const root = join(destDir, 'aclImdb');
  await mkdir(tmp);
  let files = 0;
  try {
    await extract({
      file: archive,
      cwd: tmp,
      strict: true,
      filter: (path) => {
        const keep = wanted.test(path);
        if (keep) files++;
        return keep;
      },
    });
  } catch (cause) {
    await rm(tmp, { recursive: true, force: true });
    throw new DatasetError('ARCHIVE_INVALID', `${archive}: cannot extract (${(cause as Error).message})`, {
      cause,
    });
  }
  if (!isAclImdbRoot(join(tmp, 'aclImdb'))) {
    await rm(tmp, { recursive: true, force: true });
    throw new DatasetError(
      'ARCHIVE_INVALID',
      `${archive}: not an aclImdb archive (no aclImdb/train/{pos,neg} and aclImdb/test/{pos,neg})`,
    );
  }
  if (existsSync(root)) await rm(root, { recursive: true, force: true });
  await rename(join(tmp, 'aclImdb'), root);
  await rm(tmp, { recursive: true, force: true });
  return { root, files };
}
