/**
 * The slice of a pino logger the stores use. The server passes its pino logger; tests pass a recorder.
 * Stores log keys, paths and counts only — never values (they may hold practitioners' answers).
 */
export interface StoreLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export const silentLogger: StoreLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
