import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BatcherClock } from './batcher.ts';
import type { SentimentClassifier } from './classifier.ts';
import type { GatewayConfigInput } from './config.ts';
import type { Logger } from './logger.ts';
import { createShutdown } from './shutdown.ts';
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
  /** How long shutdown waits for in-flight requests. @default 10000 */
  shutdownTimeoutMs?: number;
}

/** A listening gateway. */
export interface RunningServer {
  /** The gateway it serves. */
  gateway: Gateway;
  /** The node HTTP server. */
  server: Server;
  /** Base URL, e.g. `http://127.0.0.1:4000`. */
  url: string;
  /** Graceful shutdown; resolves to the exit code. Does not exit the process. */
  shutdown: (reason: string) => Promise<number>;
}

/** Creates the gateway and serves it with `node:http` on `host:port`. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const gateway = createGateway({
    classifier: options.classifier,
    logger: options.logger,
    ...(options.config ? { config: options.config } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const server = createServer(gateway.yoga);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  options.logger.info('listening', { url, graphql: `${url}/graphql` });
  const shutdown = createShutdown({
    server,
    gateway,
    logger: options.logger,
    ...(options.shutdownTimeoutMs !== undefined ? { timeoutMs: options.shutdownTimeoutMs } : {}),
  });
  return { gateway, server, url, shutdown };
}
