// Publish guard: builds the publishable packages, packs each with pnpm, installs the tarballs with npm into a
// scratch project outside the workspace (with the tfjs peers from the registry, never tfjs-node), then runs an
// ESM script against them and type-checks a strict TypeScript consumer with node16 and bundler resolution.
// Prints one JSON line; exits 1 on any failure. Usage: pnpm check:packages [--keep]
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const consumerDir = join(root, 'scripts', 'package-consumer');
const keep = process.argv.includes('--keep');

/** The publishable packages, dependencies before dependents. Apps and testkit are private. */
const PACKAGES = ['tokenizer', 'metrics', 'nbsvm', 'embeddings', 'datasets', 'bilstm', 'sentiment'];
/** The tfjs peers a user installs beside @sentikit/bilstm and @sentikit/sentiment. */
const PEERS = ['core', 'layers', 'backend-cpu', 'backend-wasm'].map((p) => `@tensorflow/tfjs-${p}@4.22.0`);
/** What a TypeScript user of the packages has besides them. */
const CONSUMER_DEV = ['@types/node@20'];
const MODEL_DIR = join(root, 'models', 'imdb-bilstm');

const started = performance.now();
const seconds = {};
const problems = [];

function run(cmd, args, cwd, env = {}) {
  return execFileSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
}

function step(name, fn) {
  const t0 = performance.now();
  try {
    return fn();
  } catch (err) {
    const output = [err.stdout, err.stderr].filter(Boolean).join('\n').trim();
    problems.push(`${name}: ${output || err.message}`);
    return undefined;
  } finally {
    seconds[name] = Math.round((performance.now() - t0) / 100) / 10;
  }
}

function listFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath, d.name)));
}

/** A tarball must hold what a consumer loads and nothing that only works inside the workspace. */
function checkTarball(name, dir) {
  const manifestText = readFileSync(join(dir, 'package.json'), 'utf8');
  const manifest = JSON.parse(manifestText);
  const files = listFiles(dir);
  const need = ['package.json', 'README.md', 'LICENSE', 'dist/index.js', 'dist/index.d.ts'];
  if (name === 'bilstm') need.push('dist/fused/engine-worker.js');
  for (const file of need) if (!files.includes(file)) problems.push(`${name}: tarball lacks ${file}`);
  for (const file of files) {
    if (/\.test\.ts$|(^|\/)\.readme-example/.test(file)) problems.push(`${name}: tarball ships ${file}`);
    // tsc never deletes: a dist file without its source is a leftover of an older layout.
    const source = file.replace(/^dist\//, 'src/').replace(/\.(d\.ts|js)(\.map)?$/, '.ts');
    if (file.startsWith('dist/') && !files.includes(source)) problems.push(`${name}: stale ${file}`);
  }
  if (manifestText.includes('workspace:')) problems.push(`${name}: a workspace: range survived packing`);
  if (manifestText.includes('@sentikit/source'))
    problems.push(`${name}: exports keep the @sentikit/source condition`);
  if (manifest.license !== 'MIT') problems.push(`${name}: license is ${manifest.license}`);
  if (manifest.private) problems.push(`${name}: package is private`);
  if (manifest.optionalDependencies?.['@tensorflow/tfjs-node']) {
    problems.push(`${name}: tfjs-node is an optional dependency (npm would download libtensorflow)`);
  }
  return { name: manifest.name, version: manifest.version, files: files.length };
}

function writeTsconfig(dir, moduleResolution) {
  const file = join(dir, `tsconfig.${moduleResolution}.json`);
  const compilerOptions = {
    target: 'ES2022',
    lib: ['ES2023'],
    module: moduleResolution === 'node16' ? 'node16' : 'esnext',
    moduleResolution,
    types: ['node'],
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
  };
  writeFileSync(file, JSON.stringify({ compilerOptions, files: ['consumer.ts'] }, null, 2));
  return file;
}

const tsc = join(root, 'node_modules', '.bin', 'tsc');
/** Errors that tfjs's own declarations have without the DOM lib; counted, not ours to fix. */
const thirdPartyErrors = {};

/**
 * Type-checks the consumer with skipLibCheck off, so SentiKit's declarations are checked too. Errors located in
 * other packages' declarations (tfjs needs the DOM lib and is not clean under strict) are counted, not failed.
 */
function typecheck(moduleResolution) {
  let output = '';
  try {
    run(tsc, ['-p', writeTsconfig(project, moduleResolution)], project);
  } catch (err) {
    output = `${err.stdout ?? ''}${err.stderr ?? ''}`;
    if (!output.includes('error TS')) throw err;
  }
  const errors = output.split(/\n(?=\S)/).filter((e) => /error TS\d+/.test(e));
  const foreign = (e) => e.startsWith('node_modules/') && !e.startsWith('node_modules/@sentikit/');
  thirdPartyErrors[moduleResolution] = errors.filter(foreign).length;
  const ours = errors.filter((e) => !foreign(e));
  if (ours.length > 0) throw new Error(ours.join('\n'));
}

const scratch = mkdtempSync(join(tmpdir(), 'sentikit-packages-'));
const tarballDir = join(scratch, 'tarballs');
const project = join(scratch, 'consumer');
mkdirSync(tarballDir);
mkdirSync(project);
const tarballs = [];
const packed = [];
let esm;

step('build', () => run('pnpm', ['build'], root));
if (problems.length === 0) {
  step('pack', () => {
    for (const name of PACKAGES) {
      run('pnpm', ['pack', '--pack-destination', tarballDir], join(root, 'packages', name));
    }
    for (const file of readdirSync(tarballDir).filter((f) => f.endsWith('.tgz'))) {
      const name = file.replace(/^sentikit-/, '').replace(/-\d+\.\d+\.\d+.*\.tgz$/, '');
      const dir = join(scratch, 'unpacked', name);
      mkdirSync(dir, { recursive: true });
      run('tar', ['-xzf', join(tarballDir, file), '-C', dir, '--strip-components=1'], root);
      packed.push({
        ...checkTarball(name, dir),
        kB: Math.round(statSync(join(tarballDir, file)).size / 1024),
      });
      tarballs.push(join(tarballDir, file));
    }
    if (tarballs.length !== PACKAGES.length)
      throw new Error(`packed ${tarballs.length} of ${PACKAGES.length}`);
  });
}
if (problems.length === 0) {
  step('install', () => {
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'sentikit-consumer', private: true, type: 'module' }, null, 2),
    );
    // No workspace config or lockfile reaches up here: npm resolves as it would for a user.
    const npmArgs = ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'];
    run('npm', [...npmArgs, ...tarballs, ...PEERS], project);
    run('npm', [...npmArgs, '--save-dev', ...CONSUMER_DEV], project);
    if (existsSync(join(project, 'node_modules', '@tensorflow', 'tfjs-node'))) {
      throw new Error('@tensorflow/tfjs-node was installed; it must stay an optional peer');
    }
    cpSync(consumerDir, project, { recursive: true });
  });
}
if (problems.length === 0) {
  step('esm', () => {
    const out = run('node', ['classify.mjs', MODEL_DIR], project).trim().split('\n').at(-1);
    esm = JSON.parse(out ?? '{}');
  });
  for (const resolution of ['node16', 'bundler']) {
    step(`tsc-${resolution}`, () => typecheck(resolution));
  }
}

if (!keep) rmSync(scratch, { recursive: true, force: true });
const ok = problems.length === 0;
const total = Math.round((performance.now() - started) / 100) / 10;
console.log(
  JSON.stringify({
    check: 'packages',
    ok,
    seconds: { ...seconds, total },
    packed,
    esm,
    thirdPartyErrors,
    problems,
    scratch: keep ? scratch : undefined,
  }),
);
process.exit(ok ? 0 : 1);
