// Readers of the shared data sets for the benches (gzip'd JSON Lines, `{"text", "label"}`).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { sharedDataDir } from '@sentikit/testkit';

/** Texts and integer labels of one file. */
export interface LabelledTexts {
  texts: string[];
  labels: Int32Array;
}

/** Reads `<shared>/<set>/<file>.jsonl.gz`; string labels are mapped through `names` (their index). */
export function readSet(set: string, file: string, names: readonly string[] = []): LabelledTexts {
  const lines = gunzipSync(readFileSync(join(sharedDataDir(), set, `${file}.jsonl.gz`)))
    .toString('utf8')
    .split('\n')
    .filter((l) => l.length > 0);
  const texts: string[] = [];
  const labels = new Int32Array(lines.length);
  lines.forEach((line, i) => {
    const r = JSON.parse(line) as { text: string; label: number | string };
    texts.push(r.text);
    labels[i] = typeof r.label === 'number' ? r.label : names.indexOf(r.label);
  });
  return { texts, labels };
}

/** The records at `rows`, in that order. */
export function pick(data: LabelledTexts, rows: ArrayLike<number>): LabelledTexts {
  const texts: string[] = [];
  const labels = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    texts.push(data.texts[rows[i] as number] as string);
    labels[i] = data.labels[rows[i] as number] as number;
  }
  return { texts, labels };
}

/** A deterministic permutation of 0..n-1. */
export function permutation(n: number, seed: number): Int32Array {
  const p = Int32Array.from({ length: n }, (_, i) => i);
  let a = seed >>> 0;
  for (let i = n - 1; i > 0; i--) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const j = Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * (i + 1));
    const x = p[i] as number;
    p[i] = p[j] as number;
    p[j] = x;
  }
  return p;
}
