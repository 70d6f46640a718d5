import type { Storage, StoreItems } from 'botbuilder';
import { ConflictError } from '../../core/errors.js';
import { silentLogger, type StoreLogger } from '../../core/store/store-logger.js';
import { toJsonValue } from '../../core/store/store-semantics.js';
import type { Store, StoredItem } from '../../core/store/store.js';
import { mergeTurnState, type StateObject } from '../../core/store/turn-state-merge.js';
import { updateWithRetry } from '../../core/store/update.js';

export const BOT_STATE_PREFIX = 'botstate/';

/**
 * eTag handed out for a conversation/user scope that does not exist yet. Without it, two first
 * turns of a new conversation would both save with no eTag (botbuilder: overwrite) and the first
 * turn's state would be lost; with it we know the turn started from nothing. Never a real eTag
 * (those are UUIDs). A save with no eTag still overwrites: that is teams-ai resetting a scope.
 */
export const NEW_ITEM_ETAG = 'new';

/**
 * Conversation and user scopes, as keyed by teams-ai (`{channel}/{botId}/conversations/{id}`,
 * `{channel}/{botId}/users/{id}`) and by botbuilder's ConversationState/UserState (no botId).
 */
const TURN_STATE_SCOPE = /^[^/]+\/(?:[^/]+\/)?(?:conversations|users)\//;

/**
 * botbuilder `Storage` over our Store, so teams-ai turn state lives in the same backend (lowdb or
 * PostgreSQL) under `botstate/`.
 *
 * Why stale writes are merged, not rejected: teams-ai v1 saves turn state with the eTag it read and
 * never retries (teams-ai issue 2540), so two quick messages in one conversation would make the
 * second turn throw. Turn state there is per-conversation/per-user scratch data, not a record a
 * practitioner relies on; failing the turn is worse than merging. So for those scopes a stale eTag
 * triggers a property-level three-way merge (see mergeTurnState: a property this turn changed wins —
 * last writer wins — untouched ones keep the other turn's value). Any other key keeps botbuilder's
 * strict semantics (ConflictError). Our own records (checklist runs, ledger, subscriptions) never
 * pass through here: they use the Store API with strict eTags and updateWithRetry.
 */
export class BotStorage implements Storage {
  readonly #bases = new Map<string, StateObject>();
  readonly #maxBases: number;
  readonly #logger: StoreLogger;

  constructor(
    private readonly store: Store,
    options: { maxMergeBases?: number; logger?: StoreLogger } = {},
  ) {
    this.#maxBases = options.maxMergeBases ?? 2000;
    this.#logger = options.logger ?? silentLogger;
  }

  /** teams-ai reads a turn's conversation and user scopes together: one store round trip where the backend can. */
  async read(keys: string[]): Promise<StoreItems> {
    const stored = await this.#getAll(keys.map((key) => BOT_STATE_PREFIX + key));
    const items: StoreItems = {};
    for (const key of keys) {
      const found = stored.get(BOT_STATE_PREFIX + key);
      if (!found) {
        if (TURN_STATE_SCOPE.test(key)) items[key] = { eTag: NEW_ITEM_ETAG };
        continue;
      }
      this.#remember(key, found.eTag, found.value);
      items[key] = { ...found.value, eTag: found.eTag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    await Promise.all(Object.entries(changes).map(([key, item]) => this.#writeOne(key, item as StateObject)));
  }

  async delete(keys: string[]): Promise<void> {
    await Promise.all(keys.map((key) => this.store.delete(BOT_STATE_PREFIX + key)));
  }

  async #writeOne(key: string, item: StateObject): Promise<void> {
    const { eTag, ...rest } = item;
    const ours = toJsonValue(rest);
    const storeKey = BOT_STATE_PREFIX + key;
    // botbuilder: no eTag or '*' means last writer wins.
    if (typeof eTag !== 'string' || eTag === '*') {
      this.#remember(key, await this.store.put(storeKey, ours), ours);
      return;
    }
    const isNew = eTag === NEW_ITEM_ETAG;
    try {
      const precondition = isNew ? { ifNoneMatch: '*' as const } : { ifMatch: eTag };
      this.#remember(key, await this.store.put(storeKey, ours, precondition), ours);
      return;
    } catch (error) {
      if (!(error instanceof ConflictError) || !TURN_STATE_SCOPE.test(key)) throw error;
    }
    const base = isNew ? {} : this.#bases.get(baseKey(key, eTag));
    const written = await updateWithRetry<StateObject>(
      this.store,
      storeKey,
      (theirs) => mergeTurnState(base, theirs, ours),
      20,
    );
    this.#remember(key, written.eTag, written.value);
    this.#logger.info(
      { key: storeKey, baseKnown: base !== undefined },
      'bot state: merged a stale turn-state write',
    );
  }

  async #getAll(storeKeys: string[]): Promise<Map<string, StoredItem<StateObject>>> {
    if (this.store.getMany) return this.store.getMany<StateObject>(storeKeys);
    const found = await Promise.all(storeKeys.map((key) => this.store.get<StateObject>(key)));
    return new Map(found.filter((item) => item !== undefined).map((item) => [item.key, item]));
  }

  /** Keeps what was read/written per (key, eTag) as the merge base, bounded (oldest evicted first). */
  #remember(key: string, eTag: string, value: StateObject): void {
    const id = baseKey(key, eTag);
    this.#bases.delete(id);
    this.#bases.set(id, structuredClone(value)); // a copy: the caller may mutate nested state
    if (this.#bases.size > this.#maxBases) {
      const oldest = this.#bases.keys().next();
      if (!oldest.done) this.#bases.delete(oldest.value);
    }
  }
}

function baseKey(key: string, eTag: string): string {
  return `${key}\u0000${eTag}`;
}
