import type { Guide } from '../core/guide.js';
import type { Logger } from './logger.js';

export interface Housekeeping {
  /** Resolves once a sweep in progress has finished. */
  stop(): Promise<void>;
}

/**
 * Runs the Guide's upkeep at start and then every `everyMs`: expired checklist runs are deleted (an
 * expired run can no longer be opened, so keeping it would only keep practitioners' answers longer than
 * the README promises) and question examples past QUESTION_LOG_DAYS are pruned, even on a server that
 * hears no questions for days. Safe on several instances at once: deletes are conditional.
 */
export function startHousekeeping(
  guide: Pick<Guide, 'housekeeping'>,
  logger: Logger,
  everyMs = 6 * 60 * 60 * 1000,
): Housekeeping {
  let running: Promise<void> = Promise.resolve();
  const sweep = () => {
    running = running.then(async () => {
      try {
        const {
          expiredChecklistRuns: deleted,
          scrubbedReferences,
          retiredItems,
        } = await guide.housekeeping();
        if (deleted > 0) logger.info({ deleted }, 'housekeeping: expired checklist runs deleted');
        if (retiredItems > 0)
          logger.info({ retiredItems }, 'housekeeping: items older versions stored (turn state) deleted');
        if (scrubbedReferences > 0)
          logger.info({ scrubbedReferences }, 'housekeeping: display names removed from stored references');
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
