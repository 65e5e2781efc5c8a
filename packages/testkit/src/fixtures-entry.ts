// Helpers that only work inside a Vitest run (they clean up in `afterAll`): `@sentikit/testkit/fixtures`.
export { type AclSplit, makeAclImdbArchive, smallSplit, tempDir, writeAclImdb } from './fixtures.ts';
export { type ServeMode, serveBytes } from './http-server.ts';
