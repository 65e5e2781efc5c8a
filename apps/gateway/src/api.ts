export { Batcher, type BatcherClock, type BatcherOptions, type BatchReport, systemClock } from './batcher.ts';
export type { Classification, LabelProbability, ModelInfo, SentimentClassifier } from './classifier.ts';
export {
  type GatewayConfig,
  type GatewayConfigInput,
  gatewayConfigSchema,
  parseGatewayConfig,
} from './config.ts';
export { defaultModelDir, envSchema, type GatewayEnv, readEnv } from './env.ts';
export { GatewayError, type GatewayErrorCode, isGatewayError, toClientError } from './errors.ts';
export {
  createJsonLogger,
  type JsonLoggerOptions,
  type LogFields,
  type Logger,
  type LogLevel,
  logLevels,
  serializeError,
  silentLogger,
} from './logger.ts';
export { createGatewayMetrics, type GatewayMetrics, type MetricsSources } from './metrics.ts';
export { type LoadClassifierOptions, loadClassifier, type ModelThread } from './model-loader.ts';
export { assertServable, type Sentiment, sentimentOf, sentiments, typeDefs } from './schema.ts';
export { type RunningServer, type StartServerOptions, startServer } from './serve.ts';
export {
  type ClosableServer,
  createShutdown,
  type DrainableGateway,
  installSignalHandlers,
  type ShutdownOptions,
  type SignalSource,
} from './shutdown.ts';
export {
  loadWorkerClassifier,
  type WorkerClassifier,
  type WorkerClassifierOptions,
} from './worker-classifier.ts';
export { createGateway, type Gateway, type GatewayOptions, type GatewayState } from './yoga.ts';
