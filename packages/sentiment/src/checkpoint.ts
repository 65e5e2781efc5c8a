import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeDirAtomically } from './atomic-dir.ts';
import { type CheckpointRun, checkpointRunSchema } from './checkpoint-run.ts';
import { SentimentError } from './errors.ts';

const historySchema = z.array(
  z.object({
    epoch: z.number(),
    trainLoss: z.number(),
    val: z
      .object({
        loss: z.number(),
        accuracy: z.number(),
        precision: z.number(),
        recall: z.number(),
        f1: z.number(),
        macro: z.object({ precision: z.number(), recall: z.number(), f1: z.number() }).optional(),
      })
      .nullable(),
    seconds: z.number(),
    tokensPerSec: z.number(),
  }),
);

const checkpointFileSchema = z.object({
  format: z.literal('sentikit-checkpoint'),
  version: z.literal(1),
  /** The run that wrote it; absent in checkpoints of older versions (which `resume` refuses). */
  run: checkpointRunSchema.optional(),
  state: z.object({
    epochsDone: z.number().int().nonnegative(),
    step: z.number().int().nonnegative(),
    history: historySchema,
    bestEpoch: z.number().int().nonnegative(),
    bestValue: z.number().nullable(),
    badEpochs: z.number().int().nonnegative(),
    /** Set when the run was interrupted inside an epoch: batches of it done, and its running sums. */
    partial: z
      .object({ batches: z.number().int().nonnegative(), lossSum: z.number(), tokens: z.number() })
      .nullable(),
  }),
  weights: z.array(z.number().int().nonnegative()),
  best: z.array(z.number().int().nonnegative()).nullable(),
  optimizer: z.array(z.object({ name: z.string(), shape: z.array(z.number().int().nonnegative()) })),
});

/** Everything a training run needs to continue exactly where it stopped. */
export interface Checkpoint {
  /** The run that wrote it, so `resume` can refuse another run's checkpoint. */
  run?: CheckpointRun;
  state: z.infer<typeof checkpointFileSchema>['state'];
  weights: Float32Array[];
  best: Float32Array[] | null;
  optimizer: { name: string; shape: number[]; values: Float32Array }[];
}

function pack(arrays: readonly Float32Array[]): Buffer {
  const out = Buffer.alloc(arrays.reduce((n, a) => n + a.length * 4, 0));
  let offset = 0;
  for (const a of arrays) {
    Buffer.from(a.buffer, a.byteOffset, a.byteLength).copy(out, offset);
    offset += a.byteLength;
  }
  return out;
}

function unpack(buf: Buffer, sizes: readonly number[], file: string): Float32Array[] {
  const total = sizes.reduce((n, s) => n + s, 0);
  if (buf.length !== total * 4) {
    throw new SentimentError(
      'ARTIFACT_CORRUPT',
      `${file} has ${buf.length} bytes; the checkpoint expects ${total * 4}`,
    );
  }
  const all = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length));
  let offset = 0;
  return sizes.map((s) => {
    const a = all.slice(offset, offset + s);
    offset += s;
    return a;
  });
}

/** Writes a checkpoint directory atomically (state.json, weights.bin, best.bin, optimizer.bin). */
export async function writeCheckpoint(dir: string, ckpt: Checkpoint): Promise<void> {
  const file: z.infer<typeof checkpointFileSchema> = {
    format: 'sentikit-checkpoint',
    version: 1,
    ...(ckpt.run ? { run: ckpt.run } : {}),
    state: ckpt.state,
    weights: ckpt.weights.map((w) => w.length),
    best: ckpt.best ? ckpt.best.map((w) => w.length) : null,
    optimizer: ckpt.optimizer.map((o) => ({ name: o.name, shape: o.shape })),
  };
  await writeDirAtomically(dir, async (tmp) => {
    await writeFile(join(tmp, 'weights.bin'), pack(ckpt.weights));
    if (ckpt.best) await writeFile(join(tmp, 'best.bin'), pack(ckpt.best));
    await writeFile(join(tmp, 'optimizer.bin'), pack(ckpt.optimizer.map((o) => o.values)));
    await writeFile(join(tmp, 'state.json'), JSON.stringify(file));
  });
}

/** Reads a checkpoint directory; `null` when there is none. A damaged one is an error, never silently skipped. */
export async function readCheckpoint(dir: string): Promise<Checkpoint | null> {
  let raw: string;
  try {
    raw = await readFile(join(dir, 'state.json'), 'utf8');
  } catch {
    return null;
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (cause) {
    throw new SentimentError('ARTIFACT_CORRUPT', `${join(dir, 'state.json')} is not valid JSON`, { cause });
  }
  const parsed = checkpointFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new SentimentError(
      'ARTIFACT_CORRUPT',
      `${join(dir, 'state.json')} is not a SentiKit checkpoint: ${parsed.error.issues[0]?.message}`,
    );
  }
  const f = parsed.data;
  const sizes = f.optimizer.map((o) => o.shape.reduce((n, d) => n * d, 1));
  const optimizerValues = unpack(await readFile(join(dir, 'optimizer.bin')), sizes, 'optimizer.bin');
  return {
    ...(f.run ? { run: f.run } : {}),
    state: f.state,
    weights: unpack(await readFile(join(dir, 'weights.bin')), f.weights, 'weights.bin'),
    best: f.best ? unpack(await readFile(join(dir, 'best.bin')), f.best, 'best.bin') : null,
    optimizer: f.optimizer.map((o, i) => ({
      name: o.name,
      shape: o.shape,
      values: optimizerValues[i] as Float32Array,
    })),
  };
}
