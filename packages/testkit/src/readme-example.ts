import { readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The first fenced code block of the given language in a markdown file: the usage example a package README
 * shows, so a test can run exactly what users read.
 */
export function extractCodeBlock(markdownPath: string, lang = 'ts'): string {
  const md = readFileSync(markdownPath, 'utf8');
  const match = new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``).exec(md);
  if (!match?.[1]) throw new Error(`${markdownPath} has no \`\`\`${lang} code block`);
  return match[1];
}

/**
 * Runs a package README's first ```ts block as a module and returns its exports. The block is written beside
 * the package's sources (so package imports resolve as in the package's tests), imported, then removed.
 * @param packageDir the package folder holding README.md
 */
export async function runReadmeExample(packageDir: string): Promise<Record<string, unknown>> {
  const code = extractCodeBlock(join(packageDir, 'README.md'));
  const file = join(packageDir, 'src', `.readme-example-${process.pid}-${Date.now()}.ts`);
  await writeFile(file, code);
  try {
    return (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
  } finally {
    await rm(file, { force: true });
  }
}
