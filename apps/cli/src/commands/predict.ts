import { readFile } from 'node:fs/promises';
import { type DataFormat, dataFormats } from '@sentikit/datasets';
import { defineCommand } from 'citty';
import { CliError } from '../errors.ts';
import { type CliIo, writeLine } from '../io.ts';
import { loadModelFor } from './load-model.ts';
import { jsonArg, modelArgs } from './model-args.ts';
import { predictFile } from './predict-file.ts';
import { parseShard } from './score-stream.ts';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * `sentikit predict`: classify texts given as arguments, in a file, or on stdin; one JSON line per text. With
 * `--input`, a corpus in any data format is streamed in constant memory, optionally one `--shard i/n` of it.
 */
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
      input: {
        type: 'string',
        valueHint: 'path',
        description:
          'Stream a corpus (.jsonl(.gz), .csv, .tsv or an aclImdb folder) in constant memory; lines carry index and source',
      },
      output: {
        type: 'string',
        valueHint: 'path',
        description: 'With --input: write the JSON lines here (via <path>.partial) instead of stdout',
      },
      shard: {
        type: 'string',
        valueHint: 'i/n',
        description: 'With --input: score only texts whose position p has p % n == i (0 <= i < n)',
      },
      format: {
        type: 'enum',
        options: [...dataFormats],
        description: 'With --input: format when the name does not tell',
      },
      'text-column': {
        type: 'string',
        valueHint: 'name',
        description: 'With --input: JSONL field or CSV/TSV column with the text (default: text)',
      },
      'batch-size': {
        type: 'string',
        valueHint: 'n',
        description: 'With --input: texts per model call (default: 64)',
      },
      ...jsonArg,
    },
    async run({ args }) {
      if (args.input !== undefined) {
        if (args.file !== undefined || (args._ as string[]).length > 0) {
          throw new CliError('USAGE', 'give either --input or texts/--file, not both');
        }
        const shard = args.shard === undefined ? undefined : parseShard(args.shard);
        const batchSize = args['batch-size'] === undefined ? undefined : Number(args['batch-size']);
        if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize >= 1)) {
          throw new CliError(
            'USAGE',
            `--batch-size ${args['batch-size']}: expected a whole number of at least 1`,
          );
        }
        const model = await loadModelFor(args, io);
        try {
          await predictFile(
            model,
            {
              input: args.input,
              ...(args.output !== undefined ? { output: args.output } : {}),
              ...(shard ? { shard } : {}),
              ...(args.format !== undefined ? { format: args.format as DataFormat } : {}),
              ...(args['text-column'] !== undefined ? { textColumn: args['text-column'] } : {}),
              ...(batchSize !== undefined ? { batchSize } : {}),
            },
            io,
          );
        } finally {
          model.dispose();
        }
        return;
      }
      for (const flag of ['output', 'shard', 'format', 'text-column', 'batch-size'] as const) {
        if (args[flag] !== undefined) throw new CliError('USAGE', `--${flag} works with --input only`);
      }
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
