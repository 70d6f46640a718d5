import { canLock } from '../store/leader-lock.js';
import type { DigestService, SendReport } from './service.js';

export interface RunningScheduler {
  /** Stops the timer and waits for a run in progress to finish. */
  stop(): Promise<void>;
  /** Resolves after the next completed tick (for start-up catch-up and tests). */
  readonly firstRun: Promise<void>;
}

/**
 * Runs `service.sendDue()` at start (catching up anything missed inside the grace window) and then
 * every `intervalMs`. Ticks never overlap. With several instances on one shared store, a store
 * that can take advisory locks lets one leader do the work; the ledger keeps it exactly-once anyway.
 */
export function startScheduler(options: {
  service: DigestService;
  intervalMs?: number;
  onReport?: (report: SendReport) => void;
  onError?: (error: unknown) => void;
}): RunningScheduler {
  const { service } = options;
  const intervalMs = options.intervalMs ?? 60_000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  let markFirst: () => void = () => {};
  const firstRun = new Promise<void>((resolve) => (markFirst = resolve));

  const tick = async () => {
    try {
      const lock = canLock(service.store)
        ? await service.store.tryAdvisoryLock('digest-scheduler')
        : undefined;
      if (canLock(service.store) && !lock) return; // another instance leads
      try {
        const report = await service.sendDue();
        options.onReport?.(report);
      } finally {
        await lock?.release();
      }
    } catch (error) {
      options.onError?.(error);
    }
  };
  const loop = () => {
    if (stopped) return;
    current = tick().finally(() => {
      markFirst();
      if (!stopped) timer = setTimeout(loop, intervalMs);
    });
  };
  loop();
  return {
    firstRun,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
