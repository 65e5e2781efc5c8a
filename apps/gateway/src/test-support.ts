// Helpers shared by the gateway's tests (not part of the package API).
import type { SentimentClassifier } from './classifier.ts';
import type { GatewayConfigInput } from './config.ts';
import { createJsonLogger, type Logger } from './logger.ts';
import { createGateway, type Gateway, type GatewayOptions } from './yoga.ts';

/** One parsed log line. */
export type LogEntry = Record<string, unknown> & { level: string; msg: string };

/** A JSON logger at debug level that keeps its lines in memory. */
export function memoryLogger(): { logger: Logger; entries: LogEntry[]; text: () => string } {
  const lines: string[] = [];
  const entries: LogEntry[] = [];
  const logger = createJsonLogger({
    level: 'debug',
    write: (line) => {
      lines.push(line);
      entries.push(JSON.parse(line) as LogEntry);
    },
  });
  return { logger, entries, text: () => lines.join('') };
}

/** A gateway in test mode around `classifier`, with a memory logger. */
export function testGateway(
  classifier: GatewayOptions['classifier'],
  config: GatewayConfigInput = {},
  extra: Partial<GatewayOptions> = {},
): Gateway & { log: ReturnType<typeof memoryLogger> } {
  const log = memoryLogger();
  const gateway = createGateway({
    classifier,
    logger: log.logger,
    config: { nodeEnv: 'test', ...config },
    ...extra,
  });
  return Object.assign(gateway, { log });
}

/** The JSON answer of a GraphQL POST. */
export interface GraphQLReply {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
}

/** POSTs a GraphQL operation to `yoga.fetch` and parses the answer. */
export async function graphql(
  gateway: Pick<Gateway, 'yoga'>,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphQLReply> {
  const response = await gateway.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLReply['body'] };
}

/** A classifier whose calls wait until the test releases them. */
export function gatedClassifier(inner: SentimentClassifier): SentimentClassifier & {
  pending: number;
  release(): void;
} {
  const waiting: (() => void)[] = [];
  const gated = {
    info: inner.info,
    get pending() {
      return waiting.length;
    },
    release() {
      for (const resolve of waiting.splice(0)) resolve();
    },
    async classify(texts: readonly string[]) {
      await new Promise<void>((resolve) => waiting.push(resolve));
      return inner.classify(texts);
    },
  };
  return gated;
}
