import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { type DataFormat, readTexts } from '@sentikit/datasets';
import type { TextClassifier } from '@sentikit/sentiment';
import { type CliIo, writeLine } from '../io.ts';
import { formatRate } from '../progress.ts';
import { type Shard, scoreStream } from './score-stream.ts';

/** Options of {@link predictFile}. */
export interface PredictFileOptions {
  /** The corpus: any format the datasets readers know. */
  input: string;
  /** Where the JSON lines go; `-` or absent: stdout. Written as `<output>.partial`, renamed when complete. */
  output?: string;
  /** The part to score. @default the whole input */
  shard?: Shard;
  /** Format when the name does not tell. */
  format?: DataFormat;
  /** JSONL field or CSV/TSV column with the text. @default 'text' */
  textColumn?: string;
  /** Texts per model call. @default 64 */
  batchSize?: number;
  /** Least time between two progress lines, in milliseconds. @default 5000 */
  progressEveryMs?: number;
}

/**
 * `predict --input`: streams a corpus through the model in constant memory, one JSON line per text of the
 * shard, with progress and a closing summary on stderr.
 * @returns the texts seen and scored, and the seconds it took
 */
export async function predictFile(
  model: TextClassifier,
  options: PredictFileOptions,
  io: CliIo,
): Promise<{ seen: number; scored: number; seconds: number }> {
  const now = io.now ?? Date.now;
  const abs = (p: string) => (isAbsolute(p) ? p : join(io.cwd, p));
  const texts = readTexts(abs(options.input), {
    labels: 'ignored',
    ...(options.format ? { format: options.format } : {}),
    ...(options.textColumn ? { textField: options.textColumn } : {}),
    onSkip: (problem) => writeLine(io.stderr, `predict: skipped ${problem}`),
  });
  const target = options.output && options.output !== '-' ? abs(options.output) : undefined;
  const partial = target ? `${target}.partial` : undefined;
  const file = partial ? createWriteStream(partial) : undefined;
  const write = file
    ? async (line: string) => {
        if (!file.write(`${line}\n`)) await once(file, 'drain');
      }
    : (line: string) => writeLine(io.stdout, line);
  const shardName = options.shard ? ` (shard ${options.shard.index}/${options.shard.count})` : '';
  const started = now();
  let lastReport = started;
  try {
    const counts = await scoreStream({
      texts,
      classify: (batch) => model.classify(batch),
      write,
      ...(options.shard ? { shard: options.shard } : {}),
      ...(options.batchSize ? { batchSize: options.batchSize } : {}),
      onBatch: (seen, scored) => {
        const t = now();
        if (t - lastReport < (options.progressEveryMs ?? 5000)) return;
        lastReport = t;
        const rate = formatRate((scored * 1000) / Math.max(1, t - started));
        writeLine(io.stderr, `predict: ${scored} texts scored of ${seen} read${shardName}, ${rate} texts/s`);
      },
    });
    if (file && partial && target) {
      file.end();
      await once(file, 'close');
      await rename(partial, target);
    }
    const seconds = (now() - started) / 1000;
    const { skipped } = texts.summary;
    writeLine(
      io.stderr,
      `predict: scored ${counts.scored} of ${counts.seen} texts${shardName} in ${seconds.toFixed(1)} s (${formatRate(counts.scored / Math.max(seconds, 1e-3))} texts/s)${skipped ? `; skipped ${skipped} bad rows` : ''}${target ? `; wrote ${target}` : ''}`,
    );
    return { ...counts, seconds };
  } catch (error) {
    // A half-written part must not pass for a finished one.
    if (file && partial) {
      file.destroy();
      await rm(partial, { force: true });
    }
    throw error;
  }
}
