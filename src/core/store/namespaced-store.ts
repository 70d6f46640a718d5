import { canLock, type HeldLock, type LockingStore } from './leader-lock.js';
import type { PutOptions, Store, StoredItem } from './store.js';

/**
 * One partnership's view of the shared store: every key it reads or writes is under
 * `partnership/{id}/`, so checklist runs, subscriptions, digest ledgers, feedback and question counts
 * of two partnerships never meet, and a listing never reaches outside its own namespace. Its locks
 * are its own too (each partnership's digest scheduler elects its own leader). Closing it closes
 * nothing: the shared store belongs to whoever opened it.
 */
export class NamespacedStore implements Store {
  readonly prefix: string;

  constructor(
    private readonly inner: Store,
    partnershipId: string,
  ) {
    this.prefix = partnershipPrefix(partnershipId);
  }

  async get<T>(key: string): Promise<StoredItem<T> | undefined> {
    const item = await this.inner.get<T>(this.prefix + key);
    return item && { ...item, key };
  }

  put<T>(key: string, value: T, options?: PutOptions): Promise<string> {
    return this.inner.put(this.prefix + key, value, options);
  }

  delete(key: string, options?: { ifMatch?: string }): Promise<boolean> {
    return this.inner.delete(this.prefix + key, options);
  }

  async list<T>(prefix: string): Promise<StoredItem<T>[]> {
    const items = await this.inner.list<T>(this.prefix + prefix);
    return items.map((item) => ({ ...item, key: item.key.slice(this.prefix.length) }));
  }

  healthy(): Promise<boolean> {
    return this.inner.healthy();
  }

  async close(): Promise<void> {}
}

/** A namespaced store that can take locks when the shared one can (each name under its namespace). */
export function namespacedStore(inner: Store, partnershipId: string): Store {
  const store = new NamespacedStore(inner, partnershipId);
  if (!canLock(inner)) return store;
  const locking = store as NamespacedStore & Pick<LockingStore, 'tryAdvisoryLock'>;
  locking.tryAdvisoryLock = (name: string): Promise<HeldLock | undefined> =>
    inner.tryAdvisoryLock(store.prefix + name);
  return locking;
}

export function partnershipPrefix(partnershipId: string): string {
  return `partnership/${partnershipId}/`;
}
