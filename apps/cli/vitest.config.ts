import { createRequire } from 'node:module';
import { mergeConfig } from 'vitest/config';
import { sharedProject } from '../../vitest.shared.ts';

// The 3-class end-to-end test serves a model through @sentikit/gateway: like the gateway's own tests, load the
// graphql build Node (and so graphql-yoga) loads, not Vite's preferred .mjs, or the two copies' instanceof
// checks fail across them.
const graphqlMain = createRequire(new URL('../gateway/package.json', import.meta.url)).resolve('graphql');

export default mergeConfig(sharedProject, {
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlMain }] },
});
