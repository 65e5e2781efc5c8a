import { createRequire } from 'node:module';
import { mergeConfig } from 'vitest/config';
import { sharedProject } from '../../vitest.shared.ts';

// Vite prefers graphql's `module` build (.mjs) while Node (and so graphql-yoga) loads its `main` (.js): two
// copies whose instanceof checks fail across them. Tests load the one Node loads, as the server does.
const graphqlMain = createRequire(import.meta.url).resolve('graphql');

export default mergeConfig(sharedProject, {
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlMain }] },
});
