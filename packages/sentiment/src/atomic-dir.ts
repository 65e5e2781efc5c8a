import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a directory atomically: `fill` writes into a fresh sibling temporary directory, which then replaces
 * `dir` by rename. An interrupted write leaves `dir` as it was (a stray `.tmp-*` sibling at worst).
 */
export async function writeDirAtomically(dir: string, fill: (tmp: string) => Promise<void>): Promise<void> {
  const parent = dirname(dir);
  await mkdir(parent, { recursive: true });
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const tmp = join(parent, `.${basename(dir)}.tmp-${tag}`);
  const old = join(parent, `.${basename(dir)}.old-${tag}`);
  await mkdir(tmp);
  try {
    await fill(tmp);
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
  const exists = await stat(dir).then(
    () => true,
    () => false,
  );
  if (exists) await rename(dir, old);
  await rename(tmp, dir);
  if (exists) await rm(old, { recursive: true, force: true });
}
