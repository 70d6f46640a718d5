import type { Store } from './store/store.js';
import { updateWithRetry } from './store/update.js';

/**
 * Daily counts of answered and signposted questions for the partnership report: counts only, never
 * text. Counted in memory and written in batches, so answering a question costs no store write.
 */
export class QuestionCounts {
  private pending = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly clock: () => Date,
    private readonly flushEveryMs = 60_000,
  ) {}

  count(answered: boolean): void {
    const key = `metrics/${answered ? 'answered' : 'unanswered'}/${this.clock().toISOString().slice(0, 10)}`;
    this.pending.set(key, (this.pending.get(key) ?? 0) + 1);
    this.timer ??= setTimeout(() => void this.flush(), this.flushEveryMs).unref();
  }

  /** Writes what has been counted so far (also called on shutdown). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = new Map();
    this.flushing = this.flushing.then(async () => {
      for (const [key, n] of batch) {
        await updateWithRetry<{ count: number }>(this.store, key, (c) => ({ count: (c?.count ?? 0) + n }));
      }
    });
    return this.flushing;
  }
}
