import { ConflictError } from '../../core/errors.js';
import type { StoreLogger } from '../../core/store/store-logger.js';
import type { Store } from '../../core/store/store.js';
import { RecentKeys } from './recent-keys.js';

const PRUNE_EVERY = 500;

export interface FirstTimeOptions {
  store: Store;
  /** Store key prefix, e.g. `slack-event/`; the key holds an id, never a name or message text. */
  prefix: string;
  logger: StoreLogger;
  /** How long a key must be remembered; older ones are pruned. Infinity keeps them for good. */
  keepMs: number;
  /**
   * When the store cannot be written: `first` acts (answering twice is better than never answering),
   * `seen` does not (a welcome is not worth repeating).
   */
  ifStoreFails: 'first' | 'seen';
  /** What the warning says could not be recorded, e.g. "event id". */
  what: string;
  maxRecent?: number;
  clock?: () => Date;
}

/**
 * Says once per key "this is the first time", across restarts and between instances sharing a store:
 * a create-only store key decides. A bounded in-memory set answers repeats in this process at once.
 */
export class FirstTimeKeys {
  readonly #recent: RecentKeys;
  readonly #clock: () => Date;
  #sincePrune = 0;

  constructor(private readonly o: FirstTimeOptions) {
    this.#clock = o.clock ?? (() => new Date());
    this.#recent = new RecentKeys(o.keepMs, o.maxRecent ?? 2000, () => this.#clock().getTime());
  }

  /** True the first time `id` is offered. */
  async firstTime(id: string): Promise<boolean> {
    if (!this.#recent.firstSeen(id)) return false;
    try {
      await this.o.store.put(
        `${this.o.prefix}${id}`,
        { at: this.#clock().toISOString() },
        { ifNoneMatch: '*' },
      );
    } catch (err) {
      if (err instanceof ConflictError) return false;
      this.o.logger.warn({ err }, `could not record ${this.o.what}`);
      return this.o.ifStoreFails === 'first';
    }
    this.#sincePrune += 1;
    return true;
  }

  /** Deletes stored keys older than `keepMs` every few hundred new keys; call from background work. */
  async pruneIfDue(): Promise<void> {
    if (this.#sincePrune < PRUNE_EVERY || !Number.isFinite(this.o.keepMs)) return;
    this.#sincePrune = 0;
    const cutoff = this.#clock().getTime() - this.o.keepMs;
    for (const item of await this.o.store.list<{ at?: string }>(this.o.prefix)) {
      const at = Date.parse(item.value.at ?? '');
      if (!Number.isFinite(at) || at < cutoff)
        await this.o.store.delete(item.key, { ifMatch: item.eTag }).catch(() => false);
    }
  }
}
