import { DatasetError } from './errors.ts';

/** Label names (matched case-insensitively, trimmed) to class indices `0..k-1`. */
export type LabelMap = Readonly<Record<string, number>>;

/** Turns a raw label from a data file into a class index, and names the classes. */
export interface LabelParser {
  /** Class names by index: `['negative', 'positive']` by default, else the label map's first name per index. */
  readonly classNames: readonly string[];
  /** The class index of a raw label value, or `undefined` if the label is not known. */
  parse(value: unknown): number | undefined;
  /** The accepted label spellings, for error messages. */
  readonly accepted: readonly string[];
}

const defaultLabels: LabelMap = { '0': 0, '1': 1, neg: 0, pos: 1, negative: 0, positive: 1 };

/**
 * Parses a `--label-map`: either `name=index` pairs separated by commas (`bad=0,good=1`) or a JSON object
 * (`{"bad":0,"good":1}`). Several names may share an index; the indices must be exactly `0..k-1`, k >= 2.
 * @throws DatasetError `INVALID_LABEL_MAP` naming the problem
 */
export function parseLabelMap(spec: string | Record<string, unknown>): LabelMap {
  let entries: [string, unknown][];
  if (typeof spec === 'string') {
    const trimmed = spec.trim();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(trimmed);
      } catch (cause) {
        throw new DatasetError('INVALID_LABEL_MAP', `label map: invalid JSON (${(cause as Error).message})`, {
          cause,
        });
      }
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
        throw new DatasetError(
          'INVALID_LABEL_MAP',
          'label map: expected a JSON object like {"bad":0,"good":1}',
        );
      }
      entries = Object.entries(parsed);
    } else {
      entries = trimmed
        .split(',')
        .filter((part) => part.trim() !== '')
        .map((part) => {
          const eq = part.lastIndexOf('=');
          if (eq < 0)
            throw new DatasetError('INVALID_LABEL_MAP', `label map: "${part.trim()}" is not name=index`);
          return [part.slice(0, eq), part.slice(eq + 1).trim()];
        });
    }
  } else {
    entries = Object.entries(spec);
  }
  const map: Record<string, number> = {};
  for (const [rawName, rawIndex] of entries) {
    const name = rawName.trim().toLowerCase();
    const index = typeof rawIndex === 'string' && /^\d+$/.test(rawIndex) ? Number(rawIndex) : rawIndex;
    if (name === '') throw new DatasetError('INVALID_LABEL_MAP', 'label map: empty label name');
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) {
      throw new DatasetError(
        'INVALID_LABEL_MAP',
        `label map: index of "${rawName.trim()}" must be a non-negative integer`,
      );
    }
    if (name in map && map[name] !== index) {
      throw new DatasetError('INVALID_LABEL_MAP', `label map: "${rawName.trim()}" is mapped twice`);
    }
    map[name] = index;
  }
  const indices = new Set(Object.values(map));
  if (indices.size < 2) throw new DatasetError('INVALID_LABEL_MAP', 'label map: needs at least two classes');
  for (let i = 0; i < indices.size; i++) {
    if (!indices.has(i)) {
      throw new DatasetError(
        'INVALID_LABEL_MAP',
        `label map: class indices must be 0..${indices.size - 1}, ${i} is missing`,
      );
    }
  }
  return map;
}

/**
 * A label parser for the given map, or for the default labels: `0`/`1`, `neg`/`pos`, `negative`/`positive`
 * (case-insensitive; JSON numbers 0 and 1 too), with classes `['negative', 'positive']`.
 */
export function createLabelParser(labelMap?: LabelMap): LabelParser {
  const map = labelMap ?? defaultLabels;
  const lookup = new Map(Object.entries(map).map(([name, index]) => [name.trim().toLowerCase(), index]));
  let classNames: string[];
  if (labelMap) {
    classNames = [];
    for (const [name, index] of lookup) classNames[index] ??= name;
  } else {
    classNames = ['negative', 'positive'];
  }
  return {
    classNames,
    accepted: [...lookup.keys()],
    parse(value) {
      if (typeof value === 'number' || typeof value === 'bigint') return lookup.get(String(value));
      if (typeof value === 'string') return lookup.get(value.trim().toLowerCase());
      return undefined;
    },
  };
}

/**
 * A label parser that accepts any label and learns the classes from the data: read every record with
 * {@link LabelInference.parser}, then {@link LabelInference.finish} gives the class names and the index
 * remapping. The order is documented and stable: when every label is one of the default spellings (`0`/`1`,
 * `neg`/`pos`, `negative`/`positive`) the classes are `['negative', 'positive']` as without inference;
 * otherwise the distinct labels (trimmed, lower-cased), in numeric order when all are integers, else sorted
 * alphabetically (so `negative, neutral, positive`).
 */
export interface LabelInference {
  /** Accepts any non-empty scalar label; the index it returns is provisional (first-seen order). */
  readonly parser: LabelParser;
  /** Class names, and `remap[provisional] = final index`. */
  finish(): { classNames: string[]; remap: number[] };
}

/** Starts a {@link LabelInference}. */
export function inferLabels(): LabelInference {
  const seen = new Map<string, number>();
  const names: string[] = [];
  const parser: LabelParser = {
    get classNames() {
      return names;
    },
    accepted: ['any label'],
    parse(value) {
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'bigint')
        return undefined;
      const name = String(value).trim().toLowerCase();
      if (name === '') return undefined;
      let index = seen.get(name);
      if (index === undefined) {
        index = names.length;
        seen.set(name, index);
        names.push(name);
      }
      return index;
    },
  };
  return {
    parser,
    finish() {
      if (names.length === 0 || names.every((n) => n in defaultLabels)) {
        return { classNames: ['negative', 'positive'], remap: names.map((n) => defaultLabels[n] as number) };
      }
      const integers = names.every((n) => /^-?\d+$/.test(n));
      const sorted = [...names].sort((a, b) =>
        integers ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0,
      );
      const final = new Map(sorted.map((n, i) => [n, i]));
      return { classNames: sorted, remap: names.map((n) => final.get(n) as number) };
    },
  };
}

/** The label map that reads data labelled with these class names (and, for negative/positive, the default spellings). */
export function labelMapFor(classNames: readonly string[]): LabelMap {
  const map: Record<string, number> = {};
  if (classNames.length === 2 && classNames[0] === 'negative' && classNames[1] === 'positive')
    Object.assign(map, defaultLabels);
  classNames.forEach((name, i) => {
    map[name.trim().toLowerCase()] = i;
  });
  return map;
}
