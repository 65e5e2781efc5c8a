import { readLines } from './open-text.ts';
import type { RowChecker, TextRecord } from './records.ts';

/** Field names of a JSONL dataset. */
export interface JsonlFields {
  /**
   * The field holding the text.
   * @default 'text'
   */
  textField?: string;
  /**
   * The field holding the label.
   * @default 'label'
   */
  labelField?: string;
}

/**
 * Streams the records of a JSON Lines file (one JSON object per line; gzipped or not, told by its first bytes).
 * Blank lines are ignored; bad rows go to `checker`.
 */
export async function* readJsonl(
  path: string,
  checker: RowChecker,
  fields: JsonlFields = {},
): AsyncGenerator<TextRecord> {
  const textField = fields.textField ?? 'text';
  const labelField = fields.labelField ?? 'label';
  const names = { text: `field "${textField}"`, label: `field "${labelField}"` };
  for await (const { line, number } of readLines(path)) {
    if (line.trim() === '') continue;
    const source = `${path}:${number}`;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch (error) {
      checker.bad(source, `invalid JSON (${(error as Error).message})`, 'json');
      continue;
    }
    if (row === null || typeof row !== 'object' || Array.isArray(row)) {
      checker.bad(source, 'expected a JSON object', 'json');
      continue;
    }
    const object = row as Record<string, unknown>;
    const field = (name: string) => (Object.hasOwn(object, name) ? object[name] : undefined);
    const record = checker.check(source, field(textField), field(labelField), names);
    if (record) yield record;
  }
}
