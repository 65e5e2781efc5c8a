import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGateway, envSchema, readEnv } from '@sentikit/gateway';
import { createFakeClassifier } from '@sentikit/gateway/testing';
import { describe, expect, it } from 'vitest';
import {
  deployDir,
  type LoadedManifest,
  loadKustomization,
  only,
  readYaml,
  repoRoot,
  validateManifest,
} from './manifests.ts';

const k8sDir = join(deployDir, 'kubernetes');
const base = loadKustomization(k8sDir);
const batch = loadKustomization(join(k8sDir, 'batch'));
const monitoring = loadKustomization(join(k8sDir, 'prometheus-operator'));
const version = (app: string): string =>
  (JSON.parse(readFileSync(join(repoRoot, 'apps', app, 'package.json'), 'utf8')) as { version: string })
    .version;

interface Probe {
  httpGet: { path: string; port: string | number };
}
interface Container {
  name: string;
  image: string;
  args?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: { name: string; value?: string }[];
  resources: { requests: Record<string, string>; limits: Record<string, string> };
  startupProbe: Probe;
  readinessProbe: Probe;
  livenessProbe: Probe;
  lifecycle?: { preStop?: { sleep?: { seconds: number } } };
  securityContext: { readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean };
}
interface PodTemplate {
  metadata: { labels: Record<string, string>; annotations?: Record<string, string> };
  spec: {
    terminationGracePeriodSeconds?: number;
    securityContext: { runAsNonRoot?: boolean; runAsUser?: number };
    containers: Container[];
  };
}
interface Deployment {
  metadata: { name: string };
  spec: { replicas: number; selector: { matchLabels: Record<string, string> }; template: PodTemplate };
}

const deployment = only<Deployment>(base, 'Deployment');
const pod = deployment.spec.template;
const [gateway] = pod.spec.containers as [Container];
const gatewayEnv = Object.fromEntries((gateway.env ?? []).map((e) => [e.name, e.value]));

/** Kubernetes quantities as numbers (cores, bytes) for comparisons. */
function quantity(value: string): number {
  const match = /^(\d+(?:\.\d+)?)(m|Ki|Mi|Gi)?$/.exec(value);
  if (!match) throw new Error(`unsupported quantity ${value}`);
  const scale = { m: 1e-3, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3 }[match[2] ?? ''] ?? 1;
  return Number(match[1]) * scale;
}

const selects = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.entries(selector).every(([key, value]) => labels[key] === value);

describe('the Kubernetes manifests', () => {
  const all: LoadedManifest[] = [...base, ...batch, ...monitoring];

  it.each(all.map((m) => [`${m.file}: ${m.manifest.kind}`, m] as const))(
    '%s matches its schema',
    async (_, m) => {
      await expect(validateManifest(m)).resolves.toBeUndefined();
    },
  );

  it('a broken manifest fails the schema check, naming the field', async () => {
    const broken = structuredClone(base.find((m) => m.manifest.kind === 'Deployment')) as LoadedManifest;
    (broken.manifest as unknown as Deployment).spec.replicas = 'two' as unknown as number;
    await expect(validateManifest(broken)).rejects.toThrow(/replicas must be integer/);
  });

  it('each kustomization lists every manifest in its folder', () => {
    for (const [dir, loaded] of [
      [k8sDir, base],
      [join(k8sDir, 'batch'), batch],
      [join(k8sDir, 'prometheus-operator'), monitoring],
    ] as const) {
      const files = readdirSync(dir).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml');
      expect(new Set(loaded.map((m) => m.file.split('/').at(-1)))).toEqual(new Set(files));
    }
  });
});

describe('the gateway Deployment', () => {
  it('runs at least two replicas, and the HPA and PDB keep that', () => {
    expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
    const hpa = only<{ spec: { minReplicas: number; scaleTargetRef: { kind: string; name: string } } }>(
      base,
      'HorizontalPodAutoscaler',
    );
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(hpa.spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: deployment.metadata.name });
    const pdb = only<{ spec: { selector: { matchLabels: Record<string, string> } } }>(
      base,
      'PodDisruptionBudget',
    );
    expect(selects(pdb.spec.selector.matchLabels, pod.metadata.labels)).toBe(true);
    expect(selects(deployment.spec.selector.matchLabels, pod.metadata.labels)).toBe(true);
  });

  it('sets only variables the gateway reads, with values it accepts', () => {
    const known = new Set(Object.keys(envSchema.shape));
    const unknown = Object.keys(gatewayEnv).filter((name) => !known.has(name));
    expect(unknown, 'variables the gateway does not read (apps/gateway/src/env.ts)').toEqual([]);
    const env = readEnv(gatewayEnv);
    expect(env.config.nodeEnv).toBe('production');
    expect(env.host).toBe('0.0.0.0');
  });

  it('probes ports the container declares and paths the gateway answers', async () => {
    const ports = gateway.ports ?? [];
    expect(ports.map((p) => p.containerPort)).toContain(readEnv(gatewayEnv).port);
    const served = createGateway({ classifier: createFakeClassifier() });
    try {
      const probes = { startupProbe: '/ready', readinessProbe: '/ready', livenessProbe: '/health' } as const;
      for (const [probe, path] of Object.entries(probes)) {
        const { httpGet } = gateway[probe as keyof typeof probes];
        expect(httpGet.path, probe).toBe(path);
        expect(
          ports.map((p) => p.name),
          `${probe} port`,
        ).toContain(httpGet.port);
        const response = await served.yoga.fetch(`http://gateway${httpGet.path}`);
        expect(response.status, `${probe} ${httpGet.path}`).toBe(200);
      }
      const annotations = pod.metadata.annotations ?? {};
      expect(Number(annotations['prometheus.io/port'])).toBe(readEnv(gatewayEnv).port);
      const metrics = await served.yoga.fetch(`http://gateway${annotations['prometheus.io/path']}`);
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toContain('gateway_queue_depth');
    } finally {
      await served.close();
    }
  });

  it('runs the image the container script builds, as its non-root user, read-only', () => {
    expect(gateway.image).toBe(`sentikit-gateway:${version('gateway')}`);
    const script = readFileSync(join(deployDir, 'container', 'test-image.sh'), 'utf8');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the shell line itself
    expect(script).toContain('image="${IMAGE:-sentikit-gateway:$version}"');
    const dockerfile = readFileSync(join(repoRoot, 'Dockerfile'), 'utf8');
    const user = /^USER (\d+):\d+$/m.exec(dockerfile)?.[1];
    expect(pod.spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: Number(user) });
    expect(gateway.securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
    });
  });

  it('gives the drain time to finish before the pod is killed', () => {
    // The gateway cuts in-flight requests 10 s into its shutdown (apps/gateway/src/shutdown.ts); any
    // drain delay or deadline variable set here adds to that.
    const drainMs = 10_000;
    const extraMs = Object.entries(gatewayEnv)
      .filter(([name]) => /(DRAIN|DEADLINE|TIMEOUT).*_MS$/.test(name))
      .reduce((sum, [, value]) => sum + Number(value), 0);
    const preStopS = gateway.lifecycle?.preStop?.sleep?.seconds ?? 0;
    expect(pod.spec.terminationGracePeriodSeconds ?? 30).toBeGreaterThan(
      preStopS + (drainMs + extraMs) / 1000,
    );
  });

  it('requests no more than it limits', () => {
    const { requests, limits } = gateway.resources;
    for (const resource of ['cpu', 'memory']) {
      expect(quantity(requests[resource] ?? '0'), resource).toBeGreaterThan(0);
      expect(quantity(requests[resource] ?? '0'), resource).toBeLessThanOrEqual(
        quantity(limits[resource] ?? '0'),
      );
    }
  });

  it('is reached through a Service and scraped through a ServiceMonitor on the named port', () => {
    const service = only<{
      spec: { selector: Record<string, string>; ports: { name: string; targetPort: string }[] };
    }>(base, 'Service');
    expect(selects(service.spec.selector, pod.metadata.labels)).toBe(true);
    const portNames = (gateway.ports ?? []).map((p) => p.name);
    for (const port of service.spec.ports) expect(portNames).toContain(port.targetPort);
    const monitor = only<{ spec: { endpoints: { port: string; path: string }[] } }>(
      monitoring,
      'ServiceMonitor',
    );
    for (const endpoint of monitor.spec.endpoints) {
      expect(service.spec.ports.map((p) => p.name)).toContain(endpoint.port);
      expect(endpoint.path).toBe(pod.metadata.annotations?.['prometheus.io/path']);
    }
  });
});

describe('the batch scoring Job', () => {
  const job = only<{
    spec: { completionMode: string; completions: number; parallelism: number; template: PodTemplate };
  }>(batch, 'Job');
  const [container] = job.spec.template.spec.containers as [Container];
  const args = container.args ?? [];
  const arg = (name: string) => args[args.indexOf(name) + 1];

  it('runs one shard per completion index', () => {
    expect(job.spec.completionMode).toBe('Indexed');
    expect(arg('--shard')).toBe(`$(JOB_COMPLETION_INDEX)/${job.spec.completions}`);
    expect(arg('--output')).toContain('$(JOB_COMPLETION_INDEX)');
    expect(job.spec.parallelism).toBeLessThanOrEqual(job.spec.completions);
  });

  it('runs the CLI image the Dockerfile builds, with the model it bundles', () => {
    expect(container.image).toBe(`sentikit-cli:${version('cli')}`);
    expect(args[0]).toBe('predict');
    const dockerfile = readFileSync(join(repoRoot, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^FROM \S+ AS cli$/m);
    expect(dockerfile).toContain('cp -r models/imdb-bilstm "$dir/model"');
    expect(arg('--model')).toBe('/app/model');
    expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true });
  });
});

describe('readYaml', () => {
  it('names the file of a document that does not parse', () => {
    expect(() => readYaml(join(deployDir, 'src', 'manifests.ts'))).toThrow(/manifests\.ts/);
  });
});
