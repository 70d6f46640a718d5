import type { StoreLogger } from '../../src/core/store/store-logger.js';

export interface LogRecord {
  level: 'info' | 'warn' | 'error';
  obj: object;
  msg: string;
}

/** A pino-shaped logger that keeps what it is given, for assertions on log lines. */
export function recordingLogger(): StoreLogger & { records: LogRecord[]; text(): string } {
  const records: LogRecord[] = [];
  return {
    records,
    info: (obj, msg) => records.push({ level: 'info', obj, msg }),
    warn: (obj, msg) => records.push({ level: 'warn', obj, msg }),
    error: (obj, msg) => records.push({ level: 'error', obj, msg }),
    text: () => records.map((r) => JSON.stringify(r)).join('\n'),
  };
}
