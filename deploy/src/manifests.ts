import { readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

/** The `deploy/` folder. */
export const deployDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The repository root. */
export const repoRoot = resolve(deployDir, '..');

/** A Kubernetes object as written in a manifest: only the fields every object has are typed. */
export interface Manifest {
  /** `group/version`, or `v1` for the core group. */
  apiVersion: string;
  /** The object's kind, e.g. `Deployment`. */
  kind: string;
  /** Name and labels. */
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  /** The rest, checked by the schemas. */
  [field: string]: unknown;
}

/** A manifest with the file it came from (relative to the repository root). */
export interface LoadedManifest {
  /** Where it was read, for messages. */
  file: string;
  /** The object. */
  manifest: Manifest;
}

/** Reads every YAML document of a file; a document that does not parse is an error naming the file. */
export function readYaml(path: string): unknown[] {
  const docs = parseAllDocuments(readFileSync(path, 'utf8'));
  return docs.map((doc) => {
    if (doc.errors.length > 0) throw new Error(`${path}: ${doc.errors[0]?.message}`);
    return doc.toJS() as unknown;
  });
}

/**
 * The objects a kustomization folder renders, without kustomize: its `resources` (files, or folders with their
 * own kustomization) and `components`, in order. Kustomize's transformers (labels, images) are not applied.
 */
export function loadKustomization(dir: string): LoadedManifest[] {
  const [kustomization] = readYaml(join(dir, 'kustomization.yaml')) as [
    { resources?: string[]; components?: string[] },
  ];
  const out: LoadedManifest[] = [];
  for (const entry of [...(kustomization.resources ?? []), ...(kustomization.components ?? [])]) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      out.push(...loadKustomization(path));
      continue;
    }
    for (const manifest of readYaml(path)) {
      out.push({ file: relative(repoRoot, path), manifest: manifest as Manifest });
    }
  }
  return out;
}

type Validatable = new (data: object) => { validate(): void };

/**
 * Validates an object against the Kubernetes (or Prometheus Operator) OpenAPI schema of its apiVersion and
 * kind, through the `kubernetes-models` packages.
 * @throws Error naming the file and the schema violation, or the kind no schema is known for
 */
export async function validateManifest({ file, manifest }: LoadedManifest): Promise<void> {
  const { apiVersion, kind } = manifest;
  const module = apiVersion.startsWith('monitoring.coreos.com/')
    ? `@kubernetes-models/prometheus-operator/${apiVersion}/${kind}`
    : `kubernetes-models/${apiVersion}/${kind}`;
  let Model: Validatable;
  try {
    Model = ((await import(module)) as Record<string, Validatable>)[kind] as Validatable;
  } catch (cause) {
    throw new Error(`${file}: no schema for ${apiVersion} ${kind}`, { cause });
  }
  try {
    new Model(manifest).validate();
  } catch (error) {
    throw new Error(`${file}: ${kind} ${manifest.metadata.name}: ${(error as Error).message}`);
  }
}

/** The one object of `kind` in `manifests`. @throws Error when there is none or more than one */
export function only<T = Manifest>(manifests: LoadedManifest[], kind: string): T {
  const found = manifests.filter((m) => m.manifest.kind === kind);
  if (found.length !== 1) throw new Error(`expected one ${kind}, found ${found.length}`);
  return found[0]?.manifest as T;
}
