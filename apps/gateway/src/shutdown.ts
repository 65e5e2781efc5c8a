import type { Logger } from './logger.ts';

/** The part of `node:http`'s Server that shutdown uses; tests pass a fake. */
export interface ClosableServer {
  /** Stops accepting connections; calls back once every connection has ended. */
  close(callback: (error?: Error) => void): unknown;
  /** Closes keep-alive connections that are not serving a request. */
  closeIdleConnections?(): void;
  /** Closes every connection, serving or not. */
  closeAllConnections?(): void;
}

/** The part of the gateway that shutdown uses. */
export interface DrainableGateway {
  /** Turns readiness off while requests are still served. */
  drain(): void;
  /** Finishes the batcher's queue and frees the model. */
  close(): Promise<void>;
}

/** Options of {@link createShutdown}. */
export interface ShutdownOptions {
  /** The listening server. */
  server: ClosableServer;
  /** The gateway it serves. */
  gateway: DrainableGateway;
  /** Where progress is logged. */
  logger: Logger;
  /** How long in-flight requests may take before connections are cut. @default 10000 */
  timeoutMs?: number;
  /** How often idle keep-alive connections are closed while waiting. @default 50 */
  idlePollMs?: number;
  /** Timers. @default global setTimeout / clearTimeout */
  timers?: { setTimeout(fn: () => void, ms: number): unknown; clearTimeout(handle: unknown): void };
}

/**
 * Returns the graceful shutdown: readiness off, stop accepting connections, let in-flight requests finish
 * (cutting them after `timeoutMs`), drain the batcher and free the model. Resolves to the exit code: 0 when
 * everything finished in time, 1 when connections had to be cut or something failed. Calling it again returns
 * the same promise.
 */
export function createShutdown(options: ShutdownOptions): (reason: string) => Promise<number> {
  const { server, gateway, logger } = options;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const idlePollMs = options.idlePollMs ?? 50;
  const timers = options.timers ?? {
    setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
    clearTimeout: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
  let running: Promise<number> | undefined;
  const run = async (reason: string): Promise<number> => {
    logger.info('shutting down', { reason, timeoutMs });
    gateway.drain();
    let code = 0;
    const closed = new Promise<void>((resolve) => {
      server.close((error) => {
        if (error && (error as NodeJS.ErrnoException).code !== 'ERR_SERVER_NOT_RUNNING') {
          logger.error('server close failed', { err: error });
          code = 1;
        }
        resolve();
      });
    });
    // Keep-alive connections become idle once their response is sent; close them as they do.
    let poll: unknown;
    const closeIdle = (): void => {
      server.closeIdleConnections?.();
      poll = timers.setTimeout(closeIdle, idlePollMs);
    };
    closeIdle();
    const timer = timers.setTimeout(() => {
      logger.warn('in-flight requests did not finish in time; closing connections', { timeoutMs });
      code = 1;
      server.closeAllConnections?.();
    }, timeoutMs);
    await closed;
    timers.clearTimeout(timer);
    timers.clearTimeout(poll);
    try {
      await gateway.close();
    } catch (error) {
      logger.error('gateway close failed', { err: error });
      code = 1;
    }
    logger.info('shutdown complete', { exitCode: code });
    return code;
  };
  return (reason) => {
    running ??= run(reason);
    return running;
  };
}

/** The part of `process` that {@link installSignalHandlers} uses. */
export interface SignalSource {
  /** Subscribes to a signal. */
  on(signal: 'SIGTERM' | 'SIGINT', listener: () => void): unknown;
}

/**
 * On the first SIGTERM or SIGINT runs `shutdown` and exits with its code; a second signal exits 1 at once.
 */
export function installSignalHandlers(
  source: SignalSource,
  shutdown: (reason: string) => Promise<number>,
  exit: (code: number) => void,
  logger: Logger,
): void {
  let received = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    source.on(signal, () => {
      if (received) {
        logger.warn('second signal; exiting now', { signal });
        exit(1);
        return;
      }
      received = true;
      shutdown(signal).then(exit, (error: unknown) => {
        logger.error('shutdown failed', { err: error });
        exit(1);
      });
    });
  }
}
