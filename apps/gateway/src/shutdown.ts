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
  /** How long `/ready` answers 503 before the listener closes, while requests are still served. @default 0 */
  drainDelayMs?: number;
  /** After the delay, how long in-flight requests may take before connections are cut. @default 10000 */
  timeoutMs?: number;
  /** Called as the drain starts: from then on every response ends its keep-alive connection. @default none */
  endKeepAlive?: () => void;
  /** How often idle keep-alive connections are closed while waiting. @default 50 */
  idlePollMs?: number;
  /** Timers. @default global setTimeout / clearTimeout */
  timers?: { setTimeout(fn: () => void, ms: number): unknown; clearTimeout(handle: unknown): void };
}

/** How one shutdown runs. */
export interface ShutdownRun {
  /** Overrides the configured drain delay (0 when there is nothing to drain, e.g. the model died). */
  drainDelayMs?: number;
  /** Exit code even when everything closes cleanly (1 when the gateway stops because it failed). @default 0 */
  exitCode?: number;
}

/**
 * Returns the graceful shutdown: readiness off, a drain delay for load balancers to notice, stop accepting
 * connections and end keep-alive ones after their current request, let in-flight requests finish (cutting
 * them after `timeoutMs`), drain the batcher and free the model. Resolves to the exit code: 0 when everything
 * finished in time, 1 when connections had to be cut or something failed (or `run.exitCode`). Calling it again
 * returns the same promise.
 */
export function createShutdown(
  options: ShutdownOptions,
): (reason: string, run?: ShutdownRun) => Promise<number> {
  const { server, gateway, logger } = options;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const configuredDelay = options.drainDelayMs ?? 0;
  const idlePollMs = options.idlePollMs ?? 50;
  const timers = options.timers ?? {
    setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
    clearTimeout: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
  let running: Promise<number> | undefined;
  const run = async (reason: string, how: ShutdownRun): Promise<number> => {
    const drainDelayMs = how.drainDelayMs ?? configuredDelay;
    logger.info('shutting down', { reason, drainDelayMs, timeoutMs });
    gateway.drain();
    // From now on each response ends its connection, so kept-alive clients close it themselves after their
    // current request (no race with a request sent on a connection the server is closing) and reconnect.
    options.endKeepAlive?.();
    if (drainDelayMs > 0) {
      await new Promise<void>((resolve) => {
        timers.setTimeout(resolve, drainDelayMs);
      });
    }
    let code = how.exitCode ?? 0;
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
    logger.info('shutdown complete', { reason, exitCode: code });
    return code;
  };
  return (reason, how = {}) => {
    running ??= run(reason, how);
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
  shutdown: (reason: string, run?: ShutdownRun) => Promise<number>,
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
