import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create } from 'tar';
import { afterAll } from 'vitest';

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder, removed after the test file. */
export function tempDir(prefix = 'sentikit-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Reviews of one aclImdb split: file name (e.g. `3_4.txt`) to text. */
export interface AclSplit {
  pos: Record<string, string>;
  neg: Record<string, string>;
  unsup?: Record<string, string>;
}

/** Writes an aclImdb-style tree `<root>/<split>/{pos,neg,unsup}/*.txt` and returns `root`. */
export function writeAclImdb(root: string, splits: { train?: AclSplit; test?: AclSplit }): string {
  for (const [split, dirs] of Object.entries(splits)) {
    for (const [sub, files] of Object.entries(dirs ?? {})) {
      mkdirSync(join(root, split, sub), { recursive: true });
      for (const [name, text] of Object.entries(files as Record<string, string>)) {
        writeFileSync(join(root, split, sub, name), text);
      }
    }
  }
  return root;
}

/** A small generated aclImdb split: `n` reviews per class, numbered like the real files. */
export function smallSplit(n: number, tag: string): AclSplit {
  const pos: Record<string, string> = {};
  const neg: Record<string, string> = {};
  for (let i = 0; i < n; i++) {
    pos[`${i}_${7 + (i % 4)}.txt`] = `A great ${tag} film number ${i}. Loved it.`;
    neg[`${i}_${1 + (i % 4)}.txt`] = `A dull ${tag} film number ${i}. Hated it.`;
  }
  return { pos, neg, unsup: { '0_0.txt': 'unlabelled' } };
}

/** Builds `aclImdb_v1.tar.gz`-shaped bytes (top folder `aclImdb/`, plus an extra file) in `dir`; returns its path. */
export async function makeAclImdbArchive(dir: string, perClass = 3): Promise<string> {
  const src = join(dir, 'src');
  writeAclImdb(join(src, 'aclImdb'), {
    train: smallSplit(perClass, 'train'),
    test: smallSplit(perClass, 'test'),
  });
  writeFileSync(join(src, 'aclImdb', 'README'), 'Large Movie Review Dataset (test copy)');
  const file = join(dir, 'aclImdb_v1.tar.gz');
  await create({ gzip: true, cwd: src, file, portable: true }, ['aclImdb']);
  return file;
}
