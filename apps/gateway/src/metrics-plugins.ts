import { getOperationAST, Kind } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayMetrics } from './metrics.ts';

/** The routes the HTTP histogram names; anything else is `other`, so clients cannot grow the label set. */
const knownRoutes = new Set(['/graphql', '/health', '/ready', '/metrics']);

/** The root fields the operation histogram names; others (introspection, typos) are `other`. */
const knownFields = new Set(['classify', 'classifyBatch', 'model']);

/** Options of {@link useGatewayMetrics}. */
export interface MetricsPluginOptions {
  /** Monotonic milliseconds. @default `performance.now()` */
  now?: () => number;
  /** Path that serves the registry in the Prometheus text format; false serves none. @default '/metrics' */
  endpoint?: string | false;
}

function routeOf(url: string): string {
  const path = new URL(url, 'http://localhost').pathname;
  return knownRoutes.has(path) ? path : 'other';
}

/**
 * Serves `/metrics` and records HTTP request and GraphQL execution durations. Request timing starts in the
 * adapter's instrumentation, so responses that built-in plugins end early (`/health`, GraphiQL) count too.
 */
export function useGatewayMetrics(metrics: GatewayMetrics, options: MetricsPluginOptions = {}): Plugin {
  const now = options.now ?? (() => performance.now());
  const endpoint = options.endpoint ?? '/metrics';
  const started = new WeakMap<Request, number>();
  return {
    instrumentation: {
      request({ request }, wrapped) {
        started.set(request, now());
        return wrapped();
      },
    },
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (endpoint === false || url.pathname !== endpoint || request.method !== 'GET') return;
      return metrics.registry.metrics().then((text) => {
        endResponse(
          new fetchAPI.Response(text, { headers: { 'content-type': metrics.registry.contentType } }),
        );
      });
    },
    onResponse({ request, response }) {
      const start = started.get(request);
      if (start === undefined) return;
      metrics.httpDuration.observe(
        { route: routeOf(request.url), method: request.method, status: String(response.status) },
        (now() - start) / 1000,
      );
    },
    onExecute({ args }) {
      const start = now();
      const operation = getOperationAST(args.document, args.operationName);
      const first = operation?.selectionSet.selections[0];
      const name = first?.kind === Kind.FIELD ? first.name.value : 'other';
      const field = knownFields.has(name) ? name : 'other';
      return {
        onExecuteDone({ result }) {
          const outcome = 'errors' in result && result.errors?.length ? 'error' : 'ok';
          metrics.operationDuration.observe({ field, outcome }, (now() - start) / 1000);
        },
      };
    },
  };
}
