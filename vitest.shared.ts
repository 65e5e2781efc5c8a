import { defaultServerConditions } from 'vite';
import { defineProject } from 'vitest/config';

/** The custom export condition that points workspace packages at their TypeScript source. */
export const sourceCondition = '@sentikit/source';

// Each package's run (turbo runs them one by one) also writes its counts, which `pnpm test`
// (scripts/test.mjs) adds up into one closing line; turbo caches and restores the file with the logs.
// Project configs are not typed to take reporters, hence the cast.
const countReporters = {
  reporters: ['default', ['json', { outputFile: '.vitest/results.json' }]],
} as object;

/**
 * The Vitest project config every package extends: workspace imports resolve to `src/` through the
 * `@sentikit/source` condition, so no test needs a build first.
 */
export const sharedProject = defineProject({
  resolve: { conditions: [sourceCondition, ...defaultServerConditions] },
  ssr: { resolve: { conditions: [sourceCondition, ...defaultServerConditions] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    // CI runs two packages' suites at once on two cores; spawning a CLI or loading a model can take seconds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    ...countReporters,
  },
});
