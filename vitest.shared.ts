import { defaultServerConditions } from 'vite';
import { defineProject } from 'vitest/config';

/** The custom export condition that points workspace packages at their TypeScript source. */
export const sourceCondition = '@sentikit/source';

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
  },
});
