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

/** The default drain: with the platform grace below, shutdown ends within 15 s. */
export const DRAIN_MS = 10_000;
/** How long work waiting on Teams or Slack (a digest run, Slack posts) may still take at shutdown. */
export const PLATFORM_GRACE_MS = 3_000;

/**
 * Waits for `work` at most `ms`; past that it is left running (and logged) so what comes after —
 * flushing counts, closing the store — happens whatever a platform does.
 */
export async function settleWithin(
  ms: number,
  work: Promise<unknown>,
  what: string,
  logger: Logger,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), ms)));
  const outcome = await Promise.race([
    work.then(
      () => 'done' as const,
      () => 'done' as const,
    ),
    late,
  ]);
  clearTimeout(timer);
  if (outcome === 'late') logger.warn({ what, waitedMs: ms }, 'shutdown: gave up waiting');
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
      const drained = await deps.inFlight.drained(deps.drainMs ?? DRAIN_MS);
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
