import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll } from 'vitest';

/** How the test server answers: whole, or cut off after `truncateAt` bytes while promising the full length. */
export interface ServeMode {
  truncateAt?: number;
  /** Ignore Range headers and always send the whole body with 200. */
  noRanges?: boolean;
  status?: number;
}

/** A file server on 127.0.0.1 (port 0) for one body, honouring `Range: bytes=N-`; closed after the test file. */
export async function serveBytes(body: Buffer): Promise<{
  url: string;
  mode: ServeMode;
  ranges: (string | undefined)[];
}> {
  const state = { mode: {} as ServeMode, ranges: [] as (string | undefined)[] };
  const server: Server = createServer((req, res) => {
    state.ranges.push(req.headers.range);
    const { mode } = state;
    if (mode.status) {
      res.writeHead(mode.status).end('nope');
      return;
    }
    const match = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    const start = match && !mode.noRanges ? Number(match[1]) : 0;
    if (start > body.length || (start === body.length && start > 0)) {
      res.writeHead(416, { 'content-range': `bytes */${body.length}` }).end();
      return;
    }
    const slice = body.subarray(start);
    const headers: Record<string, string | number> = { 'content-length': slice.length };
    if (start > 0) headers['content-range'] = `bytes ${start}-${body.length - 1}/${body.length}`;
    res.writeHead(start > 0 ? 206 : 200, headers);
    if (mode.truncateAt !== undefined && mode.truncateAt < slice.length) {
      // A graceful close after the bytes (not a reset, which may drop data the client has not read yet):
      // the client gets exactly `truncateAt` bytes, then the connection ends short of content-length.
      res.write(slice.subarray(0, mode.truncateAt), () => res.socket?.end());
      return;
    }
    res.end(slice);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  afterAll(() => new Promise<void>((done) => server.close(() => done())));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/aclImdb_v1.tar.gz`,
    get mode() {
      return state.mode;
    },
    set mode(mode: ServeMode) {
      state.mode = mode;
    },
    ranges: state.ranges,
  };
}
