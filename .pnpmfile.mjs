// pnpm hooks. `beforePacking` shapes the package.json that goes into a tarball (`pnpm pack`, `pnpm publish`);
// the workspace's own package.json files stay as they are. `pnpm check:packages` installs the result.

/** The export condition that points workspace tests at TypeScript source; consumers must never match it. */
const SOURCE_CONDITION = '@sentikit/source';

/** Optional dependencies that become optional peers: npm would otherwise download libtensorflow for every user. */
const OPTIONAL_PEERS = ['@tensorflow/tfjs-node'];

function withoutSourceCondition(value) {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== SOURCE_CONDITION)
      .map(([key, inner]) => [key, withoutSourceCondition(inner)]),
  );
}

function beforePacking(pkg) {
  if (pkg.exports !== undefined) pkg.exports = withoutSourceCondition(pkg.exports);
  for (const name of OPTIONAL_PEERS) {
    const range = pkg.optionalDependencies?.[name];
    if (range === undefined) continue;
    delete pkg.optionalDependencies[name];
    if (Object.keys(pkg.optionalDependencies).length === 0) delete pkg.optionalDependencies;
    pkg.peerDependencies = { ...pkg.peerDependencies, [name]: range };
    pkg.peerDependenciesMeta = { ...pkg.peerDependenciesMeta, [name]: { optional: true } };
  }
  // Workspace-only: scripts run tsx on the source and devDependencies name private packages.
  delete pkg.scripts;
  delete pkg.devDependencies;
  return pkg;
}

export const hooks = { beforePacking };
