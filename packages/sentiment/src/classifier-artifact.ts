import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NbSvmModel } from '@sentikit/nbsvm';
import { z } from 'zod';
import {
  ARTIFACT_VERSION,
  type ArtifactManifest,
  loadSentimentModel,
  parseJson,
  readManifest,
  readVerified,
  type SaveOptions,
  saveSentimentModel,
  sha256,
} from './artifact.ts';
import { writeDirAtomically } from './atomic-dir.ts';
import type { ModelFamily, TextClassifier } from './classifier.ts';
import { EnsembleClassifier } from './ensemble.ts';
import { SentimentError } from './errors.ts';
import { NbSvmClassifier } from './nbsvm-classifier.ts';
import { SentimentModel } from './sentiment-model.ts';

const ensembleFileSchema = z.object({
  format: z.literal('sentikit-ensemble'),
  members: z
    .array(
      z.object({
        path: z.string().regex(/^members\/[\w.-]+$/),
        family: z.string(),
        weight: z.number().nonnegative(),
      }),
    )
    .min(1),
});

// Writes files + manifest.json (each file's size and SHA-256) into a directory that is being filled.
async function writeWithManifest(
  tmp: string,
  family: ModelFamily,
  classifier: { name: string; version: string },
  files: Record<string, string | Uint8Array>,
  listed: Record<string, string | Uint8Array> = files,
): Promise<ArtifactManifest> {
  for (const [name, data] of Object.entries(files)) await writeFile(join(tmp, name), data);
  const manifest: ArtifactManifest = {
    format: 'sentikit-model',
    version: ARTIFACT_VERSION,
    family,
    name: classifier.name,
    modelVersion: classifier.version,
    createdAt: new Date().toISOString(),
    files: Object.fromEntries(
      Object.entries(listed).map(([name, data]) => [
        name,
        { bytes: typeof data === 'string' ? Buffer.byteLength(data) : data.length, sha256: sha256(data) },
      ]),
    ),
  };
  await writeFile(join(tmp, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return manifest;
}

/**
 * Saves any model family as one directory with `manifest.json` (family, each file's size and SHA-256),
 * written atomically: a BiLSTM as {@link saveSentimentModel} does; an NB-SVM as `nbsvm.json` + `nbsvm.bin` +
 * `metrics.json`; an ensemble as `ensemble.json` (members and weights) + `metrics.json` with each member a
 * complete artifact under `members/` (the top manifest checksums the members' manifests).
 */
export async function saveClassifier(
  classifier: TextClassifier,
  dir: string,
  options: SaveOptions = {},
): Promise<ArtifactManifest> {
  if (classifier instanceof SentimentModel) return await saveSentimentModel(classifier, dir, options);
  const metrics = JSON.stringify(options.metrics ?? {}, null, 2);
  if (classifier instanceof NbSvmClassifier) {
    const files = {
      ...classifier.model.toFiles(),
      'metrics.json': metrics,
      ...(options.training ? { 'training.json': JSON.stringify(options.training, null, 2) } : {}),
      ...options.extraFiles,
    };
    let manifest: ArtifactManifest | undefined;
    await writeDirAtomically(dir, async (tmp) => {
      manifest = await writeWithManifest(tmp, 'nbsvm', classifier, files);
    });
    return manifest as ArtifactManifest;
  }
  if (classifier instanceof EnsembleClassifier) {
    let manifest: ArtifactManifest | undefined;
    await writeDirAtomically(dir, async (tmp) => {
      const members = classifier.members.map((m, i) => ({
        path: `members/${i}-${m.family}`,
        family: m.family,
        weight: classifier.weights[i] as number,
      }));
      const listed: Record<string, string | Uint8Array> = {};
      for (const [i, member] of classifier.members.entries()) {
        const path = (members[i] as { path: string }).path;
        const memberMetrics = member.info.metrics ? { test: member.info.metrics } : {};
        await saveClassifier(member, join(tmp, path), { metrics: memberMetrics });
        listed[`${path}/manifest.json`] = await readFile(join(tmp, path, 'manifest.json'));
      }
      const files = {
        'ensemble.json': JSON.stringify({ format: 'sentikit-ensemble', members }, null, 2),
        'metrics.json': metrics,
        ...(options.training ? { 'training.json': JSON.stringify(options.training, null, 2) } : {}),
        ...options.extraFiles,
      };
      manifest = await writeWithManifest(tmp, 'ensemble', classifier, files, { ...files, ...listed });
    });
    return manifest as ArtifactManifest;
  }
  throw new SentimentError(
    'INVALID_ARGUMENT',
    `cannot save a model of family ${classifier.family}: not a SentiKit model object`,
  );
}

// The numeric test metrics recorded in metrics.json, or null.
async function recordedMetrics(
  dir: string,
  manifest: ArtifactManifest,
): Promise<Record<string, number> | null> {
  const metrics = parseJson(await readVerified(dir, 'metrics.json', manifest), join(dir, 'metrics.json')) as {
    test?: Record<string, unknown>;
  };
  if (!metrics.test) return null;
  return Object.fromEntries(
    Object.entries(metrics.test).filter((e): e is [string, number] => typeof e[1] === 'number'),
  );
}

/**
 * Loads a saved model of any family, read from its manifest (no family = a BiLSTM), checking every file
 * against the manifest. The caller disposes it.
 * @throws SentimentError `ARTIFACT_MISSING`, `ARTIFACT_CORRUPT` or `ARTIFACT_VERSION` naming the file
 */
export async function loadClassifier(dir: string): Promise<TextClassifier> {
  const manifest = await readManifest(dir);
  const family = manifest.family ?? 'bilstm';
  if (family === 'bilstm') return await loadSentimentModel(dir);
  if (family === 'nbsvm') {
    const json = await readVerified(dir, 'nbsvm.json', manifest);
    const bin = await readVerified(dir, 'nbsvm.bin', manifest);
    let model: NbSvmModel;
    try {
      model = NbSvmModel.fromFiles(json.toString('utf8'), new Uint8Array(bin));
    } catch (cause) {
      throw new SentimentError(
        'ARTIFACT_CORRUPT',
        `${join(dir, 'nbsvm.json')}: ${(cause as Error).message}`,
        { cause },
      );
    }
    const classifier = new NbSvmClassifier(model, { name: manifest.name, version: manifest.modelVersion });
    classifier.metrics = await recordedMetrics(dir, manifest);
    return classifier;
  }
  const parsed = ensembleFileSchema.safeParse(
    parseJson(await readVerified(dir, 'ensemble.json', manifest), join(dir, 'ensemble.json')),
  );
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SentimentError(
      'ARTIFACT_CORRUPT',
      `${join(dir, 'ensemble.json')}: ${issue?.path.join('.')}: ${issue?.message}`,
    );
  }
  const members: TextClassifier[] = [];
  try {
    for (const m of parsed.data.members) {
      await readVerified(dir, `${m.path}/manifest.json`, manifest);
      members.push(await loadClassifier(join(dir, m.path)));
    }
  } catch (error) {
    for (const m of members) m.dispose();
    throw error;
  }
  const ensemble = new EnsembleClassifier(
    members,
    parsed.data.members.map((m) => m.weight),
    {
      name: manifest.name,
      version: manifest.modelVersion,
    },
  );
  ensemble.metrics = await recordedMetrics(dir, manifest);
  return ensemble;
}
