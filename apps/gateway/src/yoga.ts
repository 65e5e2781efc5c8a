import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { NoSchemaIntrospectionCustomRule } from 'graphql';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { useApiKeys } from './access.ts';
import { useAdmission } from './admission.ts';
import { Batcher, type BatcherClock, type BatchReport } from './batcher.ts';
import { useBodyLimit } from './body-limit.ts';
import type { Classification, SentimentClassifier } from './classifier.ts';
import { type GatewayConfig, type GatewayConfigInput, parseGatewayConfig } from './config.ts';
import { GatewayError, isGatewayError } from './errors.ts';
import { reportLimit, useLimitErrors } from './limit-errors.ts';
import { type Logger, silentLogger, toYogaLogger } from './logger.ts';
import { createGatewayMetrics, type GatewayMetrics } from './metrics.ts';
import { useGatewayMetrics } from './metrics-plugins.ts';
import { assertServable, createGatewaySchema } from './schema.ts';

/** Options of {@link createGateway}. */
export interface GatewayOptions {
  /** The model, or a promise of it: until it resolves `/ready` answers 503 and queries fail with `MODEL_NOT_READY`. */
  classifier: SentimentClassifier | PromiseLike<SentimentClassifier>;
  /** Where the gateway logs (masked errors, failed model calls, model loading). @default silentLogger */
  logger?: Logger;
  /** Limits and modes; missing fields take their defaults. @default {} */
  config?: GatewayConfigInput;
  /** Timers for the batching window. @default systemClock */
  clock?: BatcherClock;
  /** Model calls that may run at once. @default 1 */
  modelConcurrency?: number;
}

/** The yoga server type the gateway builds (no server or user context). */
// biome-ignore lint/complexity/noBannedTypes: yoga's own default context type
export type GatewayYoga = YogaServerInstance<{}, {}>;

/** The gateway's lifecycle, as `/ready` reports it. */
export type GatewayState = 'loading' | 'ready' | 'failed' | 'draining';

/** A built gateway: the yoga server plus the parts it is made of. Nothing runs until requests arrive. */
export interface Gateway {
  /** The yoga server: a fetch handler (`yoga.fetch`) and a node request listener (`createServer(yoga)`). */
  yoga: GatewayYoga;
  /** The micro-batcher every classification goes through. */
  batcher: Batcher<Classification>;
  /** The Prometheus metrics `/metrics` serves. */
  metrics: GatewayMetrics;
  /** The validated config. */
  config: GatewayConfig;
  /** Current lifecycle state. */
  readonly state: GatewayState;
  /** The loaded classifier, once it is loaded. */
  readonly classifier: SentimentClassifier | undefined;
  /** Resolves to the classifier once loaded; rejects with the load error. */
  whenReady(): Promise<SentimentClassifier>;
  /** Turns `/ready` to 503 so load balancers stop sending traffic; requests are still served. */
  drain(): void;
  /**
   * Calls `listener` once when the model stops for good after loading (its thread died, or a call missed
   * MODEL_TIMEOUT_MS): by then `/ready` is 503 and every held and later call has failed. The server should exit.
   */
  onFailure(listener: (error: GatewayError) => void): void;
  /**
   * Stops taking work (new classifications fail with `SHUTTING_DOWN`), finishes what the batcher holds, then
   * disposes the classifier and yoga. Idempotent.
   */
  close(): Promise<void>;
}

function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown }).then === 'function';
}

/** Builds a gateway around a classifier. No side effects: no port, no timers, no globals. */
export function createGateway(options: GatewayOptions): Gateway {
  const config = parseGatewayConfig(options.config);
  const logger = options.logger ?? silentLogger;
  let state: GatewayState = 'loading';
  let classifier: SentimentClassifier | undefined;
  let closing: Promise<void> | undefined;

  const given = options.classifier;
  // A classifier given directly serves from the first request; a promise is awaited.
  if (!isPromiseLike(given)) {
    assertServable(given.info);
    classifier = given;
    state = 'ready';
  }
  let failure: GatewayError | undefined;
  const failureListeners: ((error: GatewayError) => void)[] = [];
  // The model is gone for good: refuse everything at once and tell the server, which exits for a restart.
  const fail = (error: Error): void => {
    if (failure || closing) return;
    failure = isGatewayError(error, 'MODEL_CRASHED')
      ? error
      : new GatewayError('MODEL_CRASHED', `the model stopped: ${error.message}`, { cause: error });
    state = 'failed';
    batcher.fail(failure);
    logger.error('model stopped; the gateway is not ready', { err: failure });
    for (const listener of failureListeners.splice(0)) listener(failure);
  };
  const dispose = async (c: SentimentClassifier): Promise<void> => {
    await c.dispose?.();
  };
  // A model the gateway cannot serve fails the load, so it is refused at start-up, not at the first request.
  const loaded = Promise.resolve(given).then(async (c) => {
    try {
      assertServable(c.info);
    } catch (error) {
      await dispose(c).catch(() => undefined);
      throw error;
    }
    return c;
  });
  loaded.then(
    (c) => {
      if (closing && classifier !== c) {
        // Loaded after close(): nobody will serve it, so free it now.
        dispose(c).catch((error: unknown) => logger.error('model dispose failed', { err: error }));
        return;
      }
      classifier = c;
      if (state === 'loading') state = 'ready';
      logger.info('model ready', { model: c.info.name, version: c.info.version, backend: c.info.backend });
      c.onFailure?.((error) => fail(error));
    },
    (error: unknown) => {
      if (state === 'loading') state = 'failed';
      logger.error('model failed to load', { err: error });
    },
  );
  const current = (): SentimentClassifier => {
    if (failure) throw failure;
    if (classifier) return classifier;
    throw new GatewayError(
      'MODEL_NOT_READY',
      state === 'failed' ? 'the model failed to load' : 'the model is still loading; retry shortly',
    );
  };

  const metrics: GatewayMetrics = createGatewayMetrics({
    queueDepth: () => batcher.queueDepth,
    tensorCount: () => classifier?.tensorCount?.(),
    ready: () => state === 'ready',
  });
  const onBatch = (report: BatchReport): void => {
    metrics.batchSize.observe(report.size);
    metrics.modelDuration.observe({ outcome: report.error ? 'error' : 'ok' }, report.durationMs / 1000);
    if (report.error !== undefined) {
      logger.error('model call failed', { err: report.error, texts: report.size, requests: report.requests });
      // A model on this thread whose own threads died (the BiLSTM's WORKER_STOPPED) will never compute again.
      if ((report.error as { code?: unknown }).code === 'WORKER_STOPPED') fail(report.error as Error);
    }
  };
  const batcher = new Batcher<Classification>({
    run: (texts) => current().classify(texts),
    windowMs: config.batchWindowMs,
    maxBatchSize: config.maxBatchSize,
    queueSize: config.queueSize,
    concurrency: options.modelConcurrency ?? 1,
    maxClientTexts: config.maxClientTexts,
    timeoutMs: config.modelTimeoutMs,
    onTimeout: (error) => {
      // A stuck model never returns: end it now rather than leave a thread spinning.
      classifier?.terminate?.();
      fail(error);
    },
    ...(options.clock ? { clock: options.clock } : {}),
    onBatch,
  });

  const schema = createGatewaySchema({
    config,
    batcher: {
      submit: (texts, context) =>
        (context.ticket ? context.ticket.submit(texts) : batcher.submit(texts)).catch((error: unknown) => {
          if (isGatewayError(error, 'OVERLOADED') || isGatewayError(error, 'SHUTTING_DOWN')) {
            metrics.rejected.inc({ code: error.code });
          }
          throw error;
        }),
    },
    classifier: () => {
      try {
        return current();
      } catch (error) {
        metrics.rejected.inc({ code: isGatewayError(error) ? error.code : 'MODEL_NOT_READY' });
        throw error;
      }
    },
    onClassified: (label) => metrics.classifications.inc({ label }),
  });

  const protectedPaths = ['/graphql', ...(config.metricsEndpoint ? ['/metrics'] : [])];
  const plugins: Plugin[] = [
    useApiKeys({
      keys: config.apiKeys,
      paths: protectedPaths,
      onRefused: () => metrics.rejected.inc({ code: 'UNAUTHENTICATED' }),
    }),
    useGatewayMetrics(metrics, { endpoint: config.metricsEndpoint ? '/metrics' : false }),
    useBodyLimit({ maxBytes: config.maxBodyBytes }),
    // Browsers send form and multipart POSTs (and GETs) cross-site without a preflight: those need a header.
    useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf'] }),
    {
      onRequest({ url, endResponse, fetchAPI }) {
        if (url.pathname !== '/ready') return;
        const status = state === 'ready' ? 200 : 503;
        endResponse(
          new fetchAPI.Response(JSON.stringify({ status: state }), {
            status,
            headers: { 'content-type': 'application/json' },
          }),
        );
      },
    },
    useLimitErrors(),
    EnvelopArmorPlugin({
      // Reported as validation errors (so HTTP 400 with a code) rather than thrown out of validation.
      maxDepth: { n: config.maxDepth, ...reportLimit },
      maxAliases: { n: config.maxAliases, ...reportLimit },
      maxTokens: { n: config.maxTokens },
      costLimit: { maxCost: config.maxCost, ...reportLimit },
      blockFieldSuggestion: { enabled: !config.introspection },
    }),
    useAdmission({
      maxRequestTexts: config.maxRequestTexts,
      admit: (count, admitOptions) => {
        current();
        return batcher.admit(count, admitOptions);
      },
      onRefused: (code) => metrics.rejected.inc({ code }),
    }),
  ];
  if (!config.introspection) {
    plugins.push({
      onValidate({ addValidationRule }) {
        addValidationRule(NoSchemaIntrospectionCustomRule);
      },
    });
  }
  const yoga = createYoga({
    schema,
    logging: toYogaLogger(logger),
    maskedErrors: { isDev: config.debugErrors },
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    cors:
      config.corsOrigins.length > 0
        ? { origin: config.corsOrigins, credentials: false, methods: ['GET', 'POST'] }
        : false,
    // useBodyLimit (in plugins) enforces MAX_BODY_BYTES without yoga's per-request stream piping.
    maxRequestBodySize: false,
    graphiql: config.graphiql
      ? {
          title: 'SentiKit gateway',
          defaultQuery:
            'query {\n  classify(text: "A moving, beautifully acted film.") {\n    label\n    score\n  }\n}\n',
        }
      : false,
    // The bundled GraphiQL works offline; loaded only when someone opens it.
    renderGraphiQL: async (opts) => (await import('@graphql-yoga/render-graphiql')).renderGraphiQL(opts),
    plugins,
  });

  return {
    yoga,
    batcher,
    metrics,
    config,
    get state() {
      return state;
    },
    get classifier() {
      return classifier;
    },
    whenReady: () => loaded,
    drain() {
      if (state !== 'failed') state = 'draining';
    },
    onFailure(listener) {
      if (failure) listener(failure);
      else failureListeners.push(listener);
    },
    close() {
      closing ??= (async () => {
        if (state !== 'failed') state = 'draining';
        await batcher.close();
        if (classifier) await dispose(classifier);
        await yoga.dispose();
      })();
      return closing;
    },
  };
}
