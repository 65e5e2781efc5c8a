import { createHash } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { selectBackend } from '@sentikit/bilstm';
import { SentiTokenizer } from '@sentikit/tokenizer';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { z } from 'zod';
import { writeDirAtomically } from './atomic-dir.ts';
import { MODEL_FAMILIES } from './classifier.ts';
import { modelConfigSchema } from './config.ts';
import { SentimentError } from './errors.ts';
import { SentimentModel } from './sentiment-model.ts';

/** The artifact format version this package writes and reads. */
export const ARTIFACT_VERSION = 1;

const fileEntry = z.object({
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
/** @internal the manifest's schema, shared with the other families' artifacts. */
export const manifestSchema = z.object({
  format: z.literal('sentikit-model'),
  version: z.number().int(),
  /** The model family; absent in artifacts written before there were several (they are BiLSTMs). */
  family: z.enum(MODEL_FAMILIES).optional(),
  name: z.string(),
  modelVersion: z.string(),
  createdAt: z.string(),
  files: z.record(z.string(), fileEntry),
});
/** `manifest.json`: what the directory holds, with each file's size and SHA-256. */
export type ArtifactManifest = z.infer<typeof manifestSchema>;

const configFileSchema = z.object({
  format: z.literal('sentikit-model-config'),
  model: modelConfigSchema,
  training: z.record(z.string(), z.unknown()).optional(),
});

/** The files of a model directory. */
export const ARTIFACT_FILES = [
  'model.json',
  'weights.bin',
  'tokenizer.json',
  'config.json',
  'metrics.json',
] as const;

/** Extra content of a saved model. */
export interface SaveOptions {
  /** Metrics to record (e.g. `{ test: {...}, validation: {...}, history: [...] }`); written to metrics.json. */
  metrics?: Record<string, unknown>;
  /** Training settings to record in config.json (preset, optimiser, data, time). */
  training?: Record<string, unknown>;
  /** Further files (name → content) to include and checksum, e.g. a report. */
  extraFiles?: Record<string, string | Uint8Array>;
}

/** @internal */
export const sha256 = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

/**
 * Saves a model as one directory: `model.json` + `weights.bin` (tfjs layers format), `tokenizer.json`,
 * `config.json`, `metrics.json` and `manifest.json` (format version, each file's size and SHA-256). Written
 * atomically: an interrupted save never leaves a half artifact where a good one was.
 */
export async function saveSentimentModel(
  model: SentimentModel,
  dir: string,
  options: SaveOptions = {},
): Promise<ArtifactManifest> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.network.save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!artifacts?.weightData || !artifacts.weightSpecs)
    throw new SentimentError('ARTIFACT_CORRUPT', 'tfjs returned no weights to save');
  const weightData = tf.io.CompositeArrayBuffer.join(artifacts.weightData);
  const files: Record<string, string | Uint8Array> = {
    'model.json': JSON.stringify({
      format: 'layers-model',
      generatedBy: `TensorFlow.js tfjs-layers v${tfl.version_layers}`,
      convertedBy: null,
      modelTopology: artifacts.modelTopology,
      weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
    }),
    'weights.bin': new Uint8Array(weightData),
    'tokenizer.json': JSON.stringify(model.tokenizer.toJSON()),
    'config.json': JSON.stringify(
      {
        format: 'sentikit-model-config',
        model: model.config,
        ...(options.training ? { training: options.training } : {}),
      },
      null,
      2,
    ),
    'metrics.json': JSON.stringify(options.metrics ?? {}, null, 2),
    ...options.extraFiles,
  };
  const manifest: ArtifactManifest = {
    format: 'sentikit-model',
    version: ARTIFACT_VERSION,
    family: 'bilstm',
    name: model.name,
    modelVersion: model.version,
    createdAt: new Date().toISOString(),
    files: Object.fromEntries(
      Object.entries(files).map(([name, data]) => [
        name,
        { bytes: typeof data === 'string' ? Buffer.byteLength(data) : data.length, sha256: sha256(data) },
      ]),
    ),
  };
  await writeDirAtomically(dir, async (tmp) => {
    for (const [name, data] of Object.entries(files)) await writeFile(join(tmp, name), data);
    await writeFile(join(tmp, 'manifest.json'), JSON.stringify(manifest, null, 2));
  });
  return manifest;
}

/** @internal reads a file listed in the manifest, checking its size and SHA-256. */
export async function readVerified(dir: string, name: string, manifest: ArtifactManifest): Promise<Buffer> {
  const entry = manifest.files[name];
  if (!entry)
    throw new SentimentError('ARTIFACT_CORRUPT', `${join(dir, 'manifest.json')} does not list ${name}`);
  let data: Buffer;
  try {
    data = await readFile(join(dir, name));
  } catch (cause) {
    throw new SentimentError('ARTIFACT_MISSING', `model file ${join(dir, name)} is missing`, { cause });
  }
  if (data.length !== entry.bytes || sha256(data) !== entry.sha256) {
    throw new SentimentError(
      'ARTIFACT_CORRUPT',
      `model file ${join(dir, name)} does not match its manifest (${data.length} bytes, expected ${entry.bytes}; checksum ${sha256(data) === entry.sha256 ? 'ok' : 'differs'})`,
    );
  }
  return data;
}

/** @internal */
export function parseJson(data: Buffer, file: string): unknown {
  try {
    return JSON.parse(data.toString('utf8'));
  } catch (cause) {
    throw new SentimentError('ARTIFACT_CORRUPT', `${file} is not valid JSON`, { cause });
  }
}

/** Reads and checks `manifest.json` of a model directory. */
export async function readManifest(dir: string): Promise<ArtifactManifest> {
  const path = join(dir, 'manifest.json');
  const exists = await stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!exists) throw new SentimentError('ARTIFACT_MISSING', `model directory ${dir} does not exist`);
  let raw: Buffer;
  try {
    raw = await readFile(path);
  } catch (cause) {
    throw new SentimentError(
      'ARTIFACT_MISSING',
      `${path} is missing: ${dir} is not a SentiKit model directory`,
      { cause },
    );
  }
  const json = parseJson(raw, path) as { version?: unknown };
  if (
    typeof json === 'object' &&
    json !== null &&
    typeof json.version === 'number' &&
    json.version !== ARTIFACT_VERSION
  ) {
    throw new SentimentError(
      'ARTIFACT_VERSION',
      `${path} has format version ${json.version}; this @sentikit/bilstm reads version ${ARTIFACT_VERSION}`,
    );
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SentimentError(
      'ARTIFACT_CORRUPT',
      `${path} is not a valid manifest: ${issue?.path.join('.')}: ${issue?.message}`,
    );
  }
  return parsed.data;
}

let backendReady: Promise<unknown> | null = null;

/**
 * Loads a saved model, checking every file against the manifest: a missing, corrupt or mismatched file, or an
 * unknown format version, is a clear `SentimentError`. Selects the tfjs backend first (`SENTIKIT_BACKEND`, else
 * the best available) unless one was selected already.
 */
export async function loadSentimentModel(dir: string): Promise<SentimentModel> {
  backendReady ??= selectBackend();
  await backendReady;
  const manifest = await readManifest(dir);
  for (const name of ARTIFACT_FILES) await readVerified(dir, name, manifest);
  const read = async (name: string) => readVerified(dir, name, manifest);
  const configJson = configFileSchema.safeParse(
    parseJson(await read('config.json'), join(dir, 'config.json')),
  );
  if (!configJson.success) {
    const issue = configJson.error.issues[0];
    throw new SentimentError(
      'ARTIFACT_CORRUPT',
      `${join(dir, 'config.json')}: ${issue?.path.join('.')}: ${issue?.message}`,
    );
  }
  let tokenizer: SentiTokenizer;
  try {
    tokenizer = SentiTokenizer.fromJSON(parseJson(await read('tokenizer.json'), join(dir, 'tokenizer.json')));
  } catch (cause) {
    throw new SentimentError(
      'ARTIFACT_CORRUPT',
      `${join(dir, 'tokenizer.json')}: ${(cause as Error).message}`,
      {
        cause,
      },
    );
  }
  const modelJson = parseJson(await read('model.json'), join(dir, 'model.json')) as {
    modelTopology: object;
    weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[];
  };
  const weights = await read('weights.bin');
  let network: tfl.LayersModel;
  try {
    network = await tfl.loadLayersModel({
      load: async () => ({
        modelTopology: modelJson.modelTopology,
        weightSpecs: modelJson.weightsManifest.flatMap((m) => m.weights),
        weightData: new Uint8Array(weights).buffer,
      }),
    });
  } catch (cause) {
    // tfjs names neither file; a weights file of the wrong size or a topology that does not fit it ends here.
    throw new SentimentError(
      'ARTIFACT_CORRUPT',
      `${join(dir, 'weights.bin')} (${weights.byteLength} bytes) does not fit ${join(dir, 'model.json')}: ${(cause as Error).message}; save the model again`,
      { cause },
    );
  }
  const model = new SentimentModel({
    config: configJson.data.model,
    tokenizer,
    network,
    name: manifest.name,
    version: manifest.modelVersion,
  });
  const metrics = parseJson(await read('metrics.json'), join(dir, 'metrics.json')) as {
    test?: Record<string, unknown>;
  };
  if (metrics.test) {
    model.metrics = Object.fromEntries(
      Object.entries(metrics.test).filter((e): e is [string, number] => typeof e[1] === 'number'),
    );
  }
  return model;
}
