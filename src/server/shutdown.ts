import type { Server } from 'restify';
import type { Logger } from './logger.js';
import type { InFlight } from './in-flight.js';

export interface ShutdownDeps {
  server: Server;
  inFlight: InFlight;
  logger: Logger;
  /** Closes what the app opened, after the last turn (store flush, timers). */
  release: () => Promise<void>;
  /** How long to wait for in-flight turns; Teams gives a turn 15 s before it redelivers. */
  drainMs?: number;
}

/**
 * Graceful stop: stop accepting connections, let in-flight turns finish (bounded), then release the
 * store. Idempotent: a second call returns the first call's promise.
 */
export function makeClose(deps: ShutdownDeps): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => {
    closing ??= (async () => {
      const stopped = new Promise<void>((resolve) => deps.server.close(() => resolve()));
      // Keep-alive sockets with no request would hold close() open until they time out.
      deps.server.server.closeIdleConnections();
      const drained = await deps.inFlight.drained(deps.drainMs ?? 12_000);
      if (!drained)
        deps.logger.warn(
          { inFlight: deps.inFlight.count },
          'shutdown: turns still running after the drain period',
        );
      deps.server.server.closeAllConnections();
      await stopped;
      await deps.release();
      deps.logger.info('shutdown: complete');
    })();
    return closing;
  };
}
