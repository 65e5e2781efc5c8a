/** Log levels, lowest first; `silent` writes nothing. */
export const logLevels = ['debug', 'info', 'warn', 'error', 'silent'] as const;

/** A log level name. */
export type LogLevel = (typeof logLevels)[number];

/** Extra fields of one log line. Errors are written as `{ name, message, code, stack, cause }`. */
export type LogFields = Record<string, unknown>;

/** What the gateway logs through: one method per level, a message and optional fields. */
export interface Logger {
  /** Detail for debugging. */
  debug(message: string, fields?: LogFields): void;
  /** Normal operation (listening, model loaded, shutdown). */
  info(message: string, fields?: LogFields): void;
  /** Something odd that the gateway handled. */
  warn(message: string, fields?: LogFields): void;
  /** Something failed (masked errors, a failed model call). */
  error(message: string, fields?: LogFields): void;
}

/** Options of {@link createJsonLogger}. */
export interface JsonLoggerOptions {
  /** Lowest level written. @default 'info' */
  level?: LogLevel;
  /** Receives each line, newline included. @default writes to `process.stdout` */
  write?: (line: string) => void;
  /** Clock for the `time` field. @default `() => new Date()` */
  now?: () => Date;
  /** Fields added to every line, e.g. `{ service: 'gateway' }`. @default {} */
  base?: LogFields;
}

/** Makes an Error (and its cause chain) JSON-friendly; other values pass through. */
export function serializeError(value: unknown, depth = 0): unknown {
  if (!(value instanceof Error)) return value;
  const out: Record<string, unknown> = { name: value.name, message: value.message };
  const code = (value as { code?: unknown }).code;
  if (code !== undefined) out['code'] = code;
  if (value.stack) out['stack'] = value.stack;
  if (value.cause !== undefined && depth < 5) out['cause'] = serializeError(value.cause, depth + 1);
  return out;
}

/**
 * A logger that writes one JSON object per line: `{ time, level, msg, ...base, ...fields }`, skipping levels
 * below `level`.
 * @example createJsonLogger({ level: 'warn' }).warn('queue full', { depth: 1024 })
 */
export function createJsonLogger(options: JsonLoggerOptions = {}): Logger {
  const threshold = logLevels.indexOf(options.level ?? 'info');
  const write = options.write ?? ((line: string) => process.stdout.write(line));
  const now = options.now ?? (() => new Date());
  const base = options.base ?? {};
  const log =
    (level: Exclude<LogLevel, 'silent'>) =>
    (message: string, fields: LogFields = {}): void => {
      if (logLevels.indexOf(level) < threshold) return;
      const entry: Record<string, unknown> = { time: now().toISOString(), level, msg: message, ...base };
      for (const [key, value] of Object.entries(fields)) entry[key] = serializeError(value);
      let line: string;
      try {
        line = JSON.stringify(entry);
      } catch {
        line = JSON.stringify({ time: entry['time'], level, msg: message, note: 'fields not serializable' });
      }
      write(`${line}\n`);
    };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/** A logger that drops everything. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * Adapts a {@link Logger} to yoga's `logging` option, whose methods take any arguments (often an Error):
 * the first string is the message, Errors go to `err`, the rest to `args`.
 */
export function toYogaLogger(
  logger: Logger,
): Record<'debug' | 'info' | 'warn' | 'error', (...args: unknown[]) => void> {
  const adapt =
    (fn: (message: string, fields?: LogFields) => void) =>
    (...args: unknown[]): void => {
      const message =
        typeof args[0] === 'string' ? args[0] : args[0] instanceof Error ? args[0].message : 'yoga';
      const fields: LogFields = {};
      const rest = args.filter((a, i) => !(i === 0 && typeof a === 'string'));
      const err = rest.find((a) => a instanceof Error);
      if (err) fields['err'] = err;
      const others = rest.filter((a) => a !== err);
      if (others.length > 0) fields['args'] = others;
      fn(message, fields);
    };
  return {
    debug: adapt((m, f) => logger.debug(m, f)),
    info: adapt((m, f) => logger.info(m, f)),
    warn: adapt((m, f) => logger.warn(m, f)),
    error: adapt((m, f) => logger.error(m, f)),
  };
}
