import { readFile } from 'node:fs/promises';
import { defineCommand } from 'citty';
import { CliError } from '../errors.ts';
import { type CliIo, writeLine } from '../io.ts';
import { loadModelFor } from './load-model.ts';
import { jsonArg, modelArgs } from './model-args.ts';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** `sentikit predict`: classify texts given as arguments, in a file, or on stdin; one JSON line per text. */
export function createPredictCommand(io: CliIo) {
  return defineCommand({
    meta: { name: 'predict', description: 'Classify texts with a trained model (JSON lines on stdout)' },
    args: {
      text: { type: 'positional', required: false, description: 'Text to classify (more may follow)' },
      ...modelArgs,
      file: {
        type: 'string',
        valueHint: 'path',
        description: 'Classify each line of this file (- for stdin)',
      },
      ...jsonArg,
    },
    async run({ args }) {
      let texts = (args._ as string[]).filter((t) => t.length > 0);
      if (args.file) {
        const content =
          args.file === '-'
            ? await readStdin()
            : await readFile(args.file, 'utf8').catch((cause) => {
                throw new CliError(
                  'DATA_NOT_FOUND',
                  `cannot read ${args.file}: ${(cause as Error).message}`,
                  { cause },
                );
              });
        texts = texts.concat(content.split(/\r?\n/).filter((l) => l.trim().length > 0));
      } else if (texts.length === 0 && !process.stdin.isTTY) {
        texts = (await readStdin()).split(/\r?\n/).filter((l) => l.trim().length > 0);
      }
      if (texts.length === 0)
        throw new CliError(
          'USAGE',
          'no text to classify: give texts as arguments, --file, or lines on stdin',
        );
      const model = await loadModelFor(args, io);
      try {
        const results = await model.classify(texts);
        results.forEach((r, i) => {
          writeLine(io.stdout, JSON.stringify({ text: texts[i], ...r }));
        });
      } finally {
        model.dispose();
      }
    },
  });
}
