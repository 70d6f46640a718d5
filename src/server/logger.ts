import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Field names that may carry what a practitioner typed (activity text, card input values, request
 * bodies). Their values are replaced wherever they appear, up to MAX_DEPTH levels deep: message
 * text is never logged.
 */
const SENSITIVE = new Set(['text', 'value', 'body', 'question', 'answer', 'answers']);
const CENSOR = '[redacted]';
const MAX_DEPTH = 6;

export interface LoggerOptions {
  level: string;
  /** Where to write; stdout by default. Tests pass a stream to read the lines back. */
  destination?: DestinationStream;
}

/**
 * stdout, written asynchronously: a synchronous write per line was ~5% of a Teams turn's CPU under
 * load (one syscall each); lines that arrive while a write is in flight now go out together. pino
 * flushes what is buffered on exit (including process.exit and uncaught exceptions); only a SIGKILL
 * or a native crash can lose the last lines.
 */
function stdout(): DestinationStream {
  return pino.destination({ dest: 1, sync: false });
}

export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'safeguarding-guide' },
      // Not pino's `redact`: wildcard paths (`*.*.text`) cost ~55 µs a line, this walk a few µs.
      formatters: { log: (fields) => scrub(fields, 0) as Record<string, unknown> },
      serializers: { err: serializeError },
    },
    options.destination ?? stdout(),
  );
}

/**
 * Copy-on-write: returns `value` itself when nothing in it is sensitive, else a copy with the
 * sensitive fields censored (the caller's object is never changed). Only plain objects and arrays
 * are walked; errors go through `serializeError`, which keeps no sensitive field.
 */
function scrub(value: unknown, depth: number): unknown {
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item: unknown, i) => {
      const clean = scrub(item, depth + 1);
      if (clean !== item) (copy ??= [...value])[i] = clean;
    });
    return copy ?? value;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const record = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(record)) {
    const item = record[key];
    const clean = SENSITIVE.has(key) ? CENSOR : scrub(item, depth + 1);
    if (clean !== item) (copy ??= { ...record })[key] = clean;
  }
  return copy ?? value;
}

/**
 * Errors are logged by name, code, message and stack only: botbuilder and HTTP client errors can
 * carry whole request/response objects (with the activity text) as own properties.
 */
function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return serializeNonError(error);
  const out: Record<string, unknown> = { type: error.name, message: error.message, stack: error.stack };
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') out.code = code;
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number') out.statusCode = status;
  return out;
}

/**
 * A thrown or logged value that is not an Error: a plain `{ name, message, stack }` (as the Teams
 * bot logs a redacted error), or a platform's error object. The same fields are kept (never the
 * others); `String()` of an object would only say `[object Object]`.
 */
function serializeNonError(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return { message: String(value) };
  const v = value as Record<string, unknown>;
  const text = (key: string) => (typeof v[key] === 'string' ? (v[key] as string) : undefined);
  const out: Record<string, unknown> = {
    type: text('name') ?? text('type') ?? 'NonError',
    message: text('message') ?? text('error') ?? 'a value that is not an Error, with no message',
  };
  if (text('stack')) out.stack = text('stack');
  if (typeof v.code === 'string' || typeof v.code === 'number') out.code = v.code;
  if (typeof v.statusCode === 'number') out.statusCode = v.statusCode;
  return out;
}
