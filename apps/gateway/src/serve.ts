import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BatcherClock } from './batcher.ts';
import type { SentimentClassifier } from './classifier.ts';
import type { GatewayConfigInput } from './config.ts';
import { GatewayError } from './errors.ts';
import type { Logger } from './logger.ts';
import { createShutdown, type ShutdownRun } from './shutdown.ts';
import { createGateway, type Gateway } from './yoga.ts';

/** Options of {@link startServer}. */
export interface StartServerOptions {
  /** The model or a promise of it; the server listens at once and `/ready` turns 200 when it resolves. */
  classifier: SentimentClassifier | PromiseLike<SentimentClassifier>;
  /** Where the gateway logs. */
  logger: Logger;
  /** Port; 0 picks a free one. @default 0 */
  port?: number;
  /** Address. @default '127.0.0.1' */
  host?: string;
  /** The gateway's limits and modes. @default {} */
  config?: GatewayConfigInput;
  /** Timers for the batching window. @default systemClock */
  clock?: BatcherClock;
  /** After SIGTERM, how long `/ready` answers 503 before the listener closes. @default 0 */
  drainDelayMs?: number;
  /** How long shutdown waits for in-flight requests after the listener closed. @default 10000 */
  shutdownTimeoutMs?: number;
  /** Serves `/metrics` on this port (on `host`) with a listener of its own; set `config.metricsEndpoint: false`. */
  metricsPort?: number;
}

/** A listening gateway. */
export interface RunningServer {
  /** The gateway it serves. */
  gateway: Gateway;
  /** The node HTTP server. */
  server: Server;
  /** Base URL, e.g. `http://127.0.0.1:4000`. */
  url: string;
  /** URL of the separate metrics listener, when there is one. */
  metricsUrl?: string;
  /** Graceful shutdown; resolves to the exit code. Does not exit the process. */
  shutdown: (reason: string, run?: ShutdownRun) => Promise<number>;
}

/** Listens on `host:port`; a port in use (or any listen error) rejects with a one-line GatewayError. */
async function listen(server: Server, port: number, host: string, what: string): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException): void => {
      const hint =
        error.code === 'EADDRINUSE'
          ? `; another process uses it: stop it or set ${what} to a free port`
          : error.code === 'EACCES'
            ? '; ports below 1024 need privileges: pick a higher one'
            : '';
      reject(
        new GatewayError(
          'INVALID_CONFIG',
          `cannot listen on ${host}:${port} (${error.code ?? error.message})${hint}`,
          {
            cause: error,
          },
        ),
      );
    };
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}

/** Creates the gateway and serves it with `node:http` on `host:port`. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const gateway = createGateway({
    classifier: options.classifier,
    logger: options.logger,
    ...(options.config ? { config: options.config } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  // Open responses, so shutdown can tell the ones not yet sent to end their keep-alive connection.
  const open = new Set<ServerResponse>();
  let keepAlive = true;
  const server = createServer((req, res) => {
    if (!keepAlive) res.setHeader('connection', 'close');
    open.add(res);
    res.once('close', () => open.delete(res));
    void gateway.yoga(req, res);
  });
  // Node's 5 s keep-alive timeout is shorter than proxies' idle timeouts (60 s and up): the server would close
  // connections a proxy is about to reuse, and the proxy's next request on one gets a reset.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const host = options.host ?? '127.0.0.1';
  const url = await listen(server, options.port ?? 0, host, 'PORT');
  let metricsServer: Server | undefined;
  let metricsUrl: string | undefined;
  if (options.metricsPort !== undefined) {
    metricsServer = createServer((req, res) => {
      if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
        res.writeHead(404).end();
        return;
      }
      gateway.metrics.registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': gateway.metrics.registry.contentType }).end(text),
        () => res.writeHead(500).end(),
      );
    });
    try {
      metricsUrl = await listen(metricsServer, options.metricsPort, host, 'METRICS_PORT');
    } catch (error) {
      server.close();
      throw error;
    }
  }
  options.logger.info('listening', {
    url,
    graphql: `${url}/graphql`,
    ...(metricsUrl ? { metrics: `${metricsUrl}/metrics` } : {}),
  });
  const shutdown = createShutdown({
    server,
    gateway: {
      drain: () => gateway.drain(),
      close: async () => {
        await gateway.close();
        if (metricsServer) await new Promise((resolve) => metricsServer.close(resolve));
      },
    },
    logger: options.logger,
    endKeepAlive: () => {
      keepAlive = false;
      for (const res of open) if (!res.headersSent) res.setHeader('connection', 'close');
    },
    ...(options.drainDelayMs !== undefined ? { drainDelayMs: options.drainDelayMs } : {}),
    ...(options.shutdownTimeoutMs !== undefined ? { timeoutMs: options.shutdownTimeoutMs } : {}),
  });
  return { gateway, server, url, ...(metricsUrl ? { metricsUrl } : {}), shutdown };
}
