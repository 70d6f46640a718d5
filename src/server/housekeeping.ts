import type { Guide } from '../core/guide.js';
import type { Logger } from './logger.js';

export interface Housekeeping {
  /** Resolves once a sweep in progress has finished. */
  stop(): Promise<void>;
}

/**
 * Deletes expired checklist runs: at start and then every `everyMs`. An expired run can no longer be
 * opened, so keeping it would only keep practitioners' answers longer than the README promises.
 * Safe on several instances at once: each delete is conditional on the record being unchanged.
 */
export function startHousekeeping(
  guide: Pick<Guide, 'checklists'>,
  logger: Logger,
  everyMs = 6 * 60 * 60 * 1000,
): Housekeeping {
  let running: Promise<void> = Promise.resolve();
  const sweep = () => {
    running = running.then(async () => {
      try {
        const deleted = await guide.checklists.purgeExpired();
        if (deleted > 0) logger.info({ deleted }, 'housekeeping: expired checklist runs deleted');
      } catch (error) {
        logger.error({ err: error }, 'housekeeping: sweep failed; will retry at the next one');
      }
    });
  };
  sweep();
  const timer = setInterval(sweep, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
