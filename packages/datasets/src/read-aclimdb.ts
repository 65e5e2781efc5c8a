import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DatasetError } from './errors.ts';
import type { LabeledRecord, RowChecker } from './records.ts';

// Orders `10_3.txt` after `9_1.txt`, as the review ids count.
const byFileId = new Intl.Collator('en', { numeric: true });

/** Options of the aclImdb reader. */
export interface AclImdbOptions {
  /**
   * How many review files are read at once.
   * @default 16
   */
  concurrency?: number;
}

/** Whether `dir` is one aclImdb split: it holds `pos/` and `neg/` folders. */
export function isAclImdbSplit(dir: string): boolean {
  return existsSync(join(dir, 'pos')) && existsSync(join(dir, 'neg'));
}

/**
 * Streams an aclImdb split folder (`<split>/neg/*.txt` as 0 then `<split>/pos/*.txt` as 1, each in file-id
 * order; `unsup/` and other files are ignored), reading `concurrency` files at a time. Labels are the class
 * indices 0 and 1, whatever the label parser (aclImdb is always negative/positive).
 * @throws DatasetError `DATA_NOT_FOUND` when `dir` lacks `pos/` or `neg/`
 */
export async function* readAclImdb(
  dir: string,
  checker: RowChecker,
  options: AclImdbOptions = {},
): AsyncGenerator<LabeledRecord> {
  if (!isAclImdbSplit(dir)) {
    throw new DatasetError(
      'DATA_NOT_FOUND',
      `${dir} is not an aclImdb split: it needs pos/ and neg/ folders`,
    );
  }
  const files: { path: string; label: number }[] = [];
  for (const [sub, label] of [
    ['neg', 0],
    ['pos', 1],
  ] as const) {
    const names = (await readdir(join(dir, sub))).filter((name) => name.endsWith('.txt'));
    names.sort(byFileId.compare);
    for (const name of names) files.push({ path: join(dir, sub, name), label });
  }
  const concurrency = Math.max(1, options.concurrency ?? 16);
  for await (const { file, text } of mapOrdered(files, concurrency, async (file) => ({
    file,
    text: await readFile(file.path, 'utf8'),
  }))) {
    const source = `${file.path}:1`;
    if (text.trim() === '') {
      checker.bad(source, 'empty text', 'text');
      continue;
    }
    checker.summary.read++;
    yield { text, label: file.label, source };
  }
}

/** Maps `items` through `fn` with at most `concurrency` calls in flight, yielding results in input order. */
async function* mapOrdered<T, R>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T) => Promise<R>,
): AsyncGenerator<R> {
  const pending: Promise<R>[] = [];
  let next = 0;
  const fill = () => {
    while (next < items.length && pending.length < concurrency) {
      const promise = fn(items[next++] as T);
      promise.catch(() => {}); // handled when awaited in order; avoids an unhandled rejection meanwhile
      pending.push(promise);
    }
  };
  fill();
  while (pending.length > 0) {
    const result = await (pending.shift() as Promise<R>);
    fill();
    yield result;
  }
}
