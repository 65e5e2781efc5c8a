import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readManifest } from '@sentikit/sentiment';
import { defineCommand } from 'citty';
import { CliError } from '../errors.ts';
import { type CliIo, writeLine } from '../io.ts';
import { modelDir } from './load-model.ts';
import { jsonArg, modelArgs } from './model-args.ts';

/** `sentikit info`: what a saved model is (config, vocabulary, metrics, files). */
export function createInfoCommand(io: CliIo) {
  return defineCommand({
    meta: { name: 'info', description: 'Show a trained model: configuration, vocabulary, metrics, files' },
    args: { model: modelArgs.model, ...jsonArg },
    async run({ args }) {
      const dir = modelDir(args.model, io);
      const manifest = await readManifest(dir).catch((cause) => {
        throw new CliError('DATA_NOT_FOUND', `cannot read the model: ${(cause as Error).message}`, { cause });
      });
      const read = async (name: string) =>
        JSON.parse(await readFile(join(dir, name), 'utf8')) as Record<string, unknown>;
      const listed = async (name: string) => (name in manifest.files ? await read(name) : {});
      const family = manifest.family ?? 'bilstm';
      // The settings file of each family: config.json (BiLSTM), nbsvm.json (options), ensemble.json (members).
      const config =
        family === 'bilstm'
          ? await read('config.json')
          : {
              model: family === 'nbsvm' ? (await read('nbsvm.json'))['options'] : await read('ensemble.json'),
              training: await listed('training.json'),
            };
      const metrics = await read('metrics.json');
      const tokenizer = (await listed('tokenizer.json')) as { vocabulary?: { tokens?: unknown[] } };
      const info = {
        dir,
        family,
        name: manifest.name,
        version: manifest.modelVersion,
        createdAt: manifest.createdAt,
        vocabularySize: tokenizer.vocabulary?.tokens?.length ?? null,
        model: config['model'],
        training: config['training'] ?? null,
        test: metrics['test'] ?? null,
        validation: metrics['validation'] ?? null,
        files: manifest.files,
      };
      if (args.json) {
        writeLine(io.stdout, JSON.stringify(info, null, 2));
        return;
      }
      writeLine(io.stdout, `${info.name} (${info.version}, ${info.family}), created ${info.createdAt}`);
      writeLine(io.stdout, `folder: ${dir}`);
      writeLine(io.stdout, `vocabulary: ${info.vocabularySize ?? 'unknown'} tokens`);
      writeLine(io.stdout, `model: ${JSON.stringify(info.model)}`);
      if (info.test) writeLine(io.stdout, `test: ${JSON.stringify(info.test)}`);
      for (const [name, f] of Object.entries(info.files))
        writeLine(
          io.stdout,
          `  ${name.padEnd(16)} ${String(f.bytes).padStart(10)} bytes  sha256 ${f.sha256.slice(0, 16)}…`,
        );
    },
  });
}
