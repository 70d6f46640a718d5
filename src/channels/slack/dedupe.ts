import type { Logger } from 'pino';
import { ConflictError } from '../../core/errors.js';
import type { Store } from '../../core/store/store.js';

const PREFIX = 'slack-event/';
/** Slack retries an event up to three times within about half an hour; keep ids for longer. */
const KEEP_MS = 2 * 60 * 60 * 1000;
const PRUNE_EVERY = 500;

/**
 * Handles each Events API `event_id` once. A bounded in-memory LRU answers fast for this process;
 * a create-only store key makes it hold across restarts and between instances sharing a store.
 */
export class EventDedupe {
  readonly #recent = new Map<string, true>();
  #sincePrune = 0;

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly maxRecent = 2000,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** True the first time an event id is seen. */
  async firstTime(eventId: string): Promise<boolean> {
    if (this.#recent.has(eventId)) return false;
    this.#remember(eventId);
    try {
      await this.store.put(`${PREFIX}${eventId}`, { at: this.clock().toISOString() }, { ifNoneMatch: '*' });
    } catch (err) {
      if (err instanceof ConflictError) return false;
      // Store trouble: answering twice is better than never answering.
      this.logger.warn({ err }, 'slack: could not record event id');
    }
    this.#sincePrune += 1;
    return true;
  }

  /** Deletes stored ids older than the retry window; called from background work. */
  async pruneIfDue(): Promise<void> {
    if (this.#sincePrune < PRUNE_EVERY) return;
    this.#sincePrune = 0;
    const cutoff = this.clock().getTime() - KEEP_MS;
    for (const item of await this.store.list<{ at?: string }>(PREFIX)) {
      const at = Date.parse(item.value.at ?? '');
      if (!Number.isFinite(at) || at < cutoff)
        await this.store.delete(item.key, { ifMatch: item.eTag }).catch(() => false);
    }
  }

  #remember(id: string): void {
    this.#recent.set(id, true);
    if (this.#recent.size > this.maxRecent) {
      const oldest = this.#recent.keys().next().value;
      if (oldest !== undefined) this.#recent.delete(oldest);
    }
  }
}
