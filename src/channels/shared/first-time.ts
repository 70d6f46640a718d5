import { ConflictError } from '../../core/errors.js';
import type { StoreLogger } from '../../core/store/store-logger.js';
import { MemoryStore } from '../../core/store/memory-store.js';
import type { Store } from '../../core/store/store.js';
import { RecentKeys } from './recent-keys.js';

const PRUNE_EVERY = 500;
/** In-process keys (memoryUnlessShared) are bounded by `keepMs`; this only caps a flood (15 s at 6,000/s). */
const MAX_IN_PROCESS = 100_000;

interface PairMark {
  at: string;
  member: string;
}

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
  /**
   * Keys written on every turn whose repeats come within seconds (a Teams redelivery): kept in this
   * process unless several instances share the store. The embedded store rewrites its whole file on
   * each write, and with it there is only ever one instance. In this process a key is remembered for
   * exactly `keepMs`, however many arrive meanwhile (no store, so nothing to list and prune).
   */
  memoryUnlessShared?: boolean;
}

/**
 * Says once per key "this is the first time", across restarts and between instances sharing a store:
 * a create-only store key decides. A bounded in-memory set answers repeats in this process at once.
 */
export class FirstTimeKeys {
  readonly #recent: RecentKeys;
  readonly #clock: () => Date;
  readonly #store: Store;
  /** memoryUnlessShared with one instance: #recent alone decides firstTime (no store write, nothing to prune). */
  readonly #inProcess: boolean;
  #sincePrune = 0;

  constructor(private readonly o: FirstTimeOptions) {
    this.#clock = o.clock ?? (() => new Date());
    this.#inProcess = o.memoryUnlessShared === true && !o.store.sharedByInstances;
    this.#store = this.#inProcess ? new MemoryStore() : o.store;
    const maxKeys = this.#inProcess ? MAX_IN_PROCESS : (o.maxRecent ?? 2000);
    this.#recent = new RecentKeys(o.keepMs, maxKeys, () => this.#clock().getTime());
  }

  /** True the first time `id` is offered. */
  async firstTime(id: string): Promise<boolean> {
    if (!this.#recent.firstSeen(id)) return false;
    if (this.#inProcess) return true;
    try {
      await this.#store.put(
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

  /**
   * For an event that comes as a pair with nothing shared but the key (Teams sends conversationUpdate
   * and installationUpdate on one install): true unless the *other* `member` of the pair was offered
   * under `id` within `keepMs`. The second of a pair uses it up, and the same member again (a client
   * reopening the conversation) counts as a new first, so only the pair is answered once.
   */
  async firstOfPair(id: string, member: string): Promise<boolean> {
    const key = `${this.o.prefix}${id}`;
    const value: PairMark = { at: this.#clock().toISOString(), member };
    try {
      // A few tries: another instance may write the key between our read and our write.
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const seen = await this.#store.get<PairMark>(key);
        if (seen && seen.value.member !== member && this.#fresh(seen.value.at)) {
          if (await this.#deleted(key, seen.eTag)) return false;
          continue;
        }
        try {
          await this.#store.put(key, value, seen ? { ifMatch: seen.eTag } : { ifNoneMatch: '*' });
          this.#sincePrune += 1;
          return true;
        } catch (err) {
          if (!(err instanceof ConflictError)) throw err;
        }
      }
      return false;
    } catch (err) {
      this.o.logger.warn({ err }, `could not record ${this.o.what}`);
      return this.o.ifStoreFails === 'first';
    }
  }

  #fresh(at: string | undefined): boolean {
    return this.#clock().getTime() - Date.parse(at ?? '') < this.o.keepMs;
  }

  async #deleted(key: string, eTag: string): Promise<boolean> {
    try {
      return await this.#store.delete(key, { ifMatch: eTag });
    } catch (err) {
      if (err instanceof ConflictError) return false;
      throw err;
    }
  }

  /** Deletes stored keys older than `keepMs` every few hundred new keys; call from background work. */
  async pruneIfDue(): Promise<void> {
    if (this.#sincePrune < PRUNE_EVERY || !Number.isFinite(this.o.keepMs)) return;
    this.#sincePrune = 0;
    const cutoff = this.#clock().getTime() - this.o.keepMs;
    for (const item of await this.#store.list<{ at?: string }>(this.o.prefix)) {
      const at = Date.parse(item.value.at ?? '');
      if (!Number.isFinite(at) || at < cutoff)
        await this.#store.delete(item.key, { ifMatch: item.eTag }).catch(() => false);
    }
  }
}
