// The server entry: reads the environment, starts listening at once, loads the model, shuts down on signals.
import { readEnv } from './env.ts';
import { isGatewayError } from './errors.ts';
import { createJsonLogger } from './logger.ts';
import { loadClassifier } from './model-loader.ts';
import { startServer } from './serve.ts';
import { installSignalHandlers } from './shutdown.ts';

let env: ReturnType<typeof readEnv>;
try {
  env = readEnv(process.env);
} catch (error) {
  process.stderr.write(`${isGatewayError(error) ? error.message : String(error)}\n`);
  process.exit(2);
}

const logger = createJsonLogger({ level: env.logLevel, base: { service: 'sentikit-gateway' } });
const exit = (code: number): void => process.exit(code);
const running = await startServer({
  classifier: loadClassifier(env.modelDir, { thread: env.modelThread, logger }),
  logger,
  port: env.port,
  host: env.host,
  config: env.config,
});
installSignalHandlers(process, running.shutdown, exit, logger);
const stop = async (reason: string): Promise<void> => {
  logger.error('no model to serve; stopping', { modelDir: env.modelDir, reason });
  await running.shutdown(reason);
  exit(1);
};
running.gateway.whenReady().then(
  // A supervisor restarts the process; a gateway whose model thread died would only answer 503.
  (classifier) => classifier.onFailure?.(() => void stop('model stopped')),
  () => stop('model failed to load'),
);
