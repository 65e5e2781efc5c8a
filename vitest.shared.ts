import { defaultServerConditions } from 'vite';
import { defineProject } from 'vitest/config';

/** The custom export condition that points workspace packages at their TypeScript source. */
export const sourceCondition = '@sentikit/source';

// In CI each package (run on its own, as the root of its run) also writes its counts, which .ci/run adds up
// into one closing line. Project configs are not typed to take reporters, hence the cast.
const ciReporters = (
  process.env['CI'] ? { reporters: ['default', ['json', { outputFile: '.vitest/results.json' }]] } : {}
) as object;

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
    ...ciReporters,
  },
});
