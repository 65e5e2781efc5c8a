import { defineConfig } from 'vitest/config';

// Root config for watch mode across the workspace; CI runs each package's own config through turbo.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*'],
  },
});
