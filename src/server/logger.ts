import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Field names that may carry what a practitioner typed (activity text, card input values, request
 * bodies). They are removed wherever they appear, up to three levels deep: message text is never logged.
 */
const SENSITIVE = ['text', 'value', 'body', 'question', 'answer', 'answers'];
const REDACT_PATHS = SENSITIVE.flatMap((f) => [f, `*.${f}`, `*.*.${f}`, `*.*.*.${f}`]);

export interface LoggerOptions {
  level: string;
  /** Where to write; stdout by default. Tests pass a stream to read the lines back. */
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'safeguarding-guide' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      serializers: { err: serializeError },
    },
    options.destination,
  );
}

/**
 * Errors are logged by name, code, message and stack only: botbuilder and HTTP client errors can
 * carry whole request/response objects (with the activity text) as own properties.
 */
function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const out: Record<string, unknown> = { type: error.name, message: error.message, stack: error.stack };
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') out.code = code;
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number') out.statusCode = status;
  return out;
}
