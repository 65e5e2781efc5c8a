import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { createTokenizer } from './tokenizer.ts';

interface GoldenCase {
  input: string;
  tokens: string[];
  why: string;
}

const golden = JSON.parse(
  readFileSync(new URL('../test/fixtures/golden-tokens.json', import.meta.url), 'utf8'),
) as GoldenCase[];

describe('golden tokenisation table (test/fixtures/golden-tokens.json, default options)', () => {
  const tokenizer = createTokenizer();
  test.each(golden.map((c) => [c.why, c.input, c.tokens] as const))('%s: %j', (_why, input, tokens) => {
    expect(tokenizer.tokenize(input)).toEqual(tokens);
  });
});

/** The rows of the README's rules table (`| `input` | `tok1 tok2` | ... |`, any padding) as input → tokens. */
function readmeRows(): [string, string[]][] {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const section = readme.split('## Tokenisation rules')[1]?.split('\n## ')[0] ?? '';
  const rows: [string, string[]][] = [];
  for (const line of section.split('\n')) {
    const m = /^\|\s*`([^`]+)`\s*\|\s*`([^`]*)`\s*\|/.exec(line);
    if (m?.[1] !== undefined && m[2] !== undefined) rows.push([m[1], m[2] === '' ? [] : m[2].split(' ')]);
  }
  return rows;
}

describe('the README rules table', () => {
  const rows = readmeRows();
  test('has rows', () => {
    expect(rows.length).toBeGreaterThan(10);
  });
  test.each(rows)('%j tokenises as the README says', (input, tokens) => {
    expect(createTokenizer().tokenize(input)).toEqual(tokens);
  });
});
