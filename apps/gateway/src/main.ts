import { readEnv } from './env.ts';
import { isGatewayError } from './errors.ts';
import { createJsonLogger } from './logger.ts';
import { loadClassifier } from './model-loader.ts';
import { startServer } from './serve.ts';
import { installSignalHandlers, type SignalSource } from './shutdown.ts';

/** What {@link runGateway} runs in: the process, or a test's stand-in. */
export interface GatewayProcess {
  /** Command-line arguments; `--dev` means NODE_ENV=development unless NODE_ENV is set. */
  argv: readonly string[];
  /** The environment (see `env.ts`). */
  env: Readonly<Record<string, string | undefined>>;
  /** Signals to shut down on. */
  signals: SignalSource;
  /** Ends the process. */
  exit(code: number): void;
  /** Writes a line to stderr (errors before a logger exists). */
  stderr(line: string): void;
  /** Module that loads the model; fault-injection tests pass their own. @default `load-model.ts` */
  loaderUrl?: URL;
}

/**
 * The server: reads the environment, says how exposed it is in its first log line, listens at once, loads
 * the model, shuts down on signals, and exits 1 when the model fails to load or stops (a supervisor restarts
 * it). Bad environment: exit 2; a port in use: exit 1 with one line naming it.
 */
export async function runGateway(proc: GatewayProcess): Promise<void> {
  const dev = proc.argv.includes('--dev');
  const fatal = (error: unknown, code: number): void => {
    proc.stderr(`sentikit-gateway: ${isGatewayError(error) ? error.message : String(error)}`);
    proc.exit(code);
  };

  let env: ReturnType<typeof readEnv>;
  try {
    env = readEnv(dev && !proc.env['NODE_ENV'] ? { ...proc.env, NODE_ENV: 'development' } : proc.env);
  } catch (error) {
    fatal(error, 2);
    return;
  }

  const logger = createJsonLogger({ level: env.logLevel, base: { service: 'sentikit-gateway' } });
  const { config } = env;
  const loopback = /^(127\.|::1$|localhost$)/.test(env.host);
  // The first line says how exposed this server is, so a development setup is never mistaken for a public one.
  logger.info(config.nodeEnv === 'development' ? 'development mode: not for public use' : 'starting', {
    nodeEnv: config.nodeEnv,
    graphiql: config.graphiql,
    introspection: config.introspection,
    debugErrors: config.debugErrors,
    authentication: config.apiKeys.length > 0 ? `${config.apiKeys.length} API key(s)` : 'none',
    cors: config.corsOrigins.length > 0 ? config.corsOrigins : 'off',
  });
  if (!loopback && config.apiKeys.length === 0) {
    logger.warn('listening on a non-loopback address without API_KEYS: anyone who reaches it can use it', {
      host: env.host,
    });
  }

  const exit = (code: number): void => proc.exit(code);
  let running: Awaited<ReturnType<typeof startServer>>;
  const classifier = loadClassifier(env.modelDir, {
    thread: env.modelThread,
    logger,
    ...(proc.loaderUrl ? { loaderUrl: proc.loaderUrl } : {}),
  });
  try {
    running = await startServer({
      classifier,
      logger,
      port: env.port,
      host: env.host,
      config,
      drainDelayMs: env.drainDelayMs,
      shutdownTimeoutMs: env.shutdownTimeoutMs,
      ...(env.metricsPort !== undefined ? { metricsPort: env.metricsPort } : {}),
    });
  } catch (error) {
    // The model may still be loading on its thread; it must not keep the process alive.
    classifier.then(
      (c) => c.dispose?.(),
      () => undefined,
    );
    fatal(error, 1);
    return;
  }
  installSignalHandlers(proc.signals, running.shutdown, exit, logger);
  // A supervisor restarts the process; a gateway without a model would only answer 503.
  const stop = async (reason: string, cause: unknown): Promise<void> => {
    const code = await running.shutdown(reason, { drainDelayMs: 0, exitCode: 1 });
    logger.error('exiting: no model to serve', {
      modelDir: env.modelDir,
      reason,
      err: cause,
      exitCode: code,
    });
    exit(code);
  };
  running.gateway.onFailure((error) => void stop('model stopped', error));
  running.gateway.whenReady().catch((error: unknown) => stop('model failed to load', error));
}
