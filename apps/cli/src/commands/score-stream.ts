import type { TextRecord } from '@sentikit/datasets';
import type { Classification } from '@sentikit/sentiment';
import { CliError } from '../errors.ts';

/** One deterministic part of a corpus: the texts whose position `p` (0-based) has `p % count === index`. */
export interface Shard {
  /** Which part, `0..count-1`. */
  index: number;
  /** How many parts. */
  count: number;
}

/**
 * Parses `--shard i/n`.
 * @throws CliError `USAGE` naming the problem unless `0 <= i < n`
 */
export function parseShard(spec: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(spec.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index >= count) {
    throw new CliError(
      'USAGE',
      `--shard ${JSON.stringify(spec)}: expected i/n with 0 <= i < n, e.g. --shard 0/4 (the first of four parts)`,
    );
  }
  return { index, count };
}

/** One output line of `predict --input`: where the text was and what the model said. */
export interface ScoredLine extends Classification {
  /** The text's position among the input's readable texts (0-based, before sharding): the key to merge on. */
  index: number;
  /** `file:line` of the text. */
  source: string;
}

/** Options of {@link scoreStream}. */
export interface ScoreStreamOptions {
  /** The input texts, read lazily. */
  texts: AsyncIterable<TextRecord>;
  /** Scores a batch of texts. */
  classify(texts: string[]): Promise<Classification[]>;
  /** Takes one output line (without newline); a promise makes the scorer wait (backpressure). */
  write(line: string): void | Promise<void>;
  /** The part to score. @default { index: 0, count: 1 } */
  shard?: Shard;
  /** Texts per model call. @default 64 */
  batchSize?: number;
  /** Called after each batch with the texts seen so far (all shards) and scored (this shard). */
  onBatch?(seen: number, scored: number): void;
}

/**
 * Scores a stream of texts in batches and writes one JSON line per text of the shard, in input order. Holds at
 * most one batch of texts, so memory stays constant whatever the input's size.
 * @returns the texts seen (all shards) and scored (this shard)
 */
export async function scoreStream(options: ScoreStreamOptions): Promise<{ seen: number; scored: number }> {
  const { index: part, count } = options.shard ?? { index: 0, count: 1 };
  const batchSize = Math.max(1, options.batchSize ?? 64);
  let seen = 0;
  let scored = 0;
  let batch: { record: TextRecord; index: number }[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const results = await options.classify(batch.map((b) => b.record.text));
    for (const [i, { record, index }] of batch.entries()) {
      const line: ScoredLine = { index, source: record.source, ...(results[i] as Classification) };
      await options.write(JSON.stringify(line));
    }
    scored += batch.length;
    batch = [];
    options.onBatch?.(seen, scored);
  };
  for await (const record of options.texts) {
    const index = seen++;
    if (index % count !== part) continue;
    batch.push({ record, index });
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  return { seen, scored };
}
