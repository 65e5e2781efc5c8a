import { createGraphQLError } from 'graphql-yoga';

/** What went wrong, as a literal code callers can switch on. */
export type GatewayErrorCode =
  /** The request's input breaks a rule (empty text, text or batch too long). HTTP 400. */
  | 'BAD_USER_INPUT'
  /** The batching queue is full; retry later. HTTP 503. */
  | 'OVERLOADED'
  /** The request body is over MAX_BODY_BYTES. HTTP 413 (sent before parsing, by the body limit). */
  | 'PAYLOAD_TOO_LARGE'
  /** The model is still loading (or failed to load). HTTP 503. */
  | 'MODEL_NOT_READY'
  /** The gateway is shutting down and takes no new work. HTTP 503. */
  | 'SHUTTING_DOWN'
  /** The request's texts (all fields and aliases together) exceed MAX_REQUEST_TEXTS. HTTP 400. */
  | 'TOO_MANY_TEXTS'
  /** A text has no tokens the model knows (e.g. only markup or zero-width characters). HTTP 400. */
  | 'EMPTY_TEXT'
  /** The operation breaks a GraphQL Armor limit (depth, aliases, tokens, cost). HTTP 400. */
  | 'QUERY_TOO_COMPLEX'
  /** No valid API key was sent and the gateway requires one (API_KEYS). HTTP 401. */
  | 'UNAUTHENTICATED'
  /** The client went away (or its request was refused) before its texts were classified. Never reaches it. */
  | 'CLIENT_GONE'
  /** A model call missed MODEL_TIMEOUT_MS; the model is presumed stuck and the gateway stops. HTTP 503. */
  | 'MODEL_TIMEOUT'
  /** The model's worker thread died; nothing more can be classified until the gateway restarts. HTTP 503. */
  | 'MODEL_CRASHED'
  /** The model answered something the gateway cannot serve (wrong count, unknown label). Masked. */
  | 'MODEL_CONTRACT'
  /** The environment or options are invalid. */
  | 'INVALID_CONFIG';

/** The HTTP status each expected code maps to; codes without one are internal and stay masked. */
const httpStatus: Partial<Record<GatewayErrorCode, number>> = {
  BAD_USER_INPUT: 400,
  TOO_MANY_TEXTS: 400,
  EMPTY_TEXT: 400,
  QUERY_TOO_COMPLEX: 400,
  UNAUTHENTICATED: 401,
  PAYLOAD_TOO_LARGE: 413,
  MODEL_TIMEOUT: 503,
  OVERLOADED: 503,
  MODEL_NOT_READY: 503,
  MODEL_CRASHED: 503,
  SHUTTING_DOWN: 503,
};

/** The one error class of `@sentikit/gateway`: a literal `code`, a message naming the problem, and its `cause`. */
export class GatewayError extends Error {
  override readonly name = 'GatewayError';
  /** Machine-readable reason. */
  readonly code: GatewayErrorCode;

  constructor(code: GatewayErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** True for a {@link GatewayError}, optionally of one code. */
export function isGatewayError(value: unknown, code?: GatewayErrorCode): value is GatewayError {
  return value instanceof GatewayError && (code === undefined || value.code === code);
}

/**
 * Turns an expected {@link GatewayError} into the GraphQL error clients see (`extensions.code` and an HTTP
 * status); returns anything else unchanged, so yoga masks and logs it.
 */
export function toClientError(error: unknown): unknown {
  if (!(error instanceof GatewayError)) return error;
  const status = httpStatus[error.code];
  if (status === undefined) return error;
  return createGraphQLError(error.message, { extensions: { code: error.code, http: { status } } });
}
