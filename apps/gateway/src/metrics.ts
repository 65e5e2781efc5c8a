import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Where the metrics read live values from at scrape time. */
export interface MetricsSources {
  /** Texts waiting in the batcher. */
  queueDepth: () => number;
  /** Live tfjs tensors, or undefined when the model does not say (or is not loaded). */
  tensorCount: () => number | undefined;
  /** 1 while the model is loaded and the gateway takes work. */
  ready: () => boolean;
  /** Resident set size of the process in bytes. @default `process.memoryUsage.rss()` */
  rss?: () => number;
}

/** The gateway's Prometheus metrics, in a registry of their own (nothing global). */
export interface GatewayMetrics {
  /** The registry `/metrics` serves. */
  registry: Registry;
  /** HTTP request duration in seconds, by route, method and status. */
  httpDuration: Histogram<'route' | 'method' | 'status'>;
  /** GraphQL execution duration in seconds, by root field and outcome (`ok` or `error`). */
  operationDuration: Histogram<'field' | 'outcome'>;
  /** Classifications served, by label (`negative`, `positive`). */
  classifications: Counter<'label'>;
  /** Texts per model call. */
  batchSize: Histogram;
  /** Model call duration in seconds, by outcome. */
  modelDuration: Histogram<'outcome'>;
  /** Requests refused without running, by code (`OVERLOADED`, `SHUTTING_DOWN`, `MODEL_NOT_READY`). */
  rejected: Counter<'code'>;
}

const seconds = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Creates the metrics in a fresh registry; gauges read `sources` when scraped. */
export function createGatewayMetrics(sources: MetricsSources): GatewayMetrics {
  const registry = new Registry();
  const registers = [registry];
  const rss = sources.rss ?? (() => process.memoryUsage.rss());
  new Gauge({
    name: 'gateway_queue_depth',
    help: 'Texts waiting in the batcher for a model call.',
    registers,
    collect() {
      this.set(sources.queueDepth());
    },
  });
  new Gauge({
    name: 'gateway_tfjs_tensors',
    help: 'Live TensorFlow.js tensors reported by the model (tf.memory().numTensors); absent when unknown.',
    registers,
    collect() {
      const count = sources.tensorCount();
      if (count === undefined) this.reset();
      else this.set(count);
    },
  });
  new Gauge({
    name: 'gateway_model_ready',
    help: '1 while the model is loaded and the gateway accepts work, else 0.',
    registers,
    collect() {
      this.set(sources.ready() ? 1 : 0);
    },
  });
  new Gauge({
    name: 'gateway_process_resident_memory_bytes',
    help: 'Resident set size of the gateway process in bytes.',
    registers,
    collect() {
      this.set(rss());
    },
  });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'gateway_http_request_duration_seconds',
      help: 'HTTP request duration in seconds, by route, method and status.',
      labelNames: ['route', 'method', 'status'] as const,
      buckets: seconds,
      registers,
    }),
    operationDuration: new Histogram({
      name: 'gateway_graphql_operation_duration_seconds',
      help: 'GraphQL execution duration in seconds, by root field and outcome.',
      labelNames: ['field', 'outcome'] as const,
      buckets: seconds,
      registers,
    }),
    classifications: new Counter({
      name: 'gateway_classifications_total',
      help: 'Classifications served, by predicted label.',
      labelNames: ['label'] as const,
      registers,
    }),
    batchSize: new Histogram({
      name: 'gateway_batch_size',
      help: 'Texts per model call.',
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512],
      registers,
    }),
    modelDuration: new Histogram({
      name: 'gateway_model_call_duration_seconds',
      help: 'Model call duration in seconds, by outcome.',
      labelNames: ['outcome'] as const,
      buckets: seconds,
      registers,
    }),
    rejected: new Counter({
      name: 'gateway_rejected_requests_total',
      help: 'Requests refused without running, by error code.',
      labelNames: ['code'] as const,
      registers,
    }),
  };
}
