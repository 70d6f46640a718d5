import { checkIfMatch, checkPut, compareKeys, newETag, toJsonValue } from './store-semantics.js';
import type { PutOptions, Store, StoredItem } from './store.js';
import { InProcessLocks, type HeldLock } from './leader-lock.js';

interface Entry {
  value: unknown;
  eTag: string;
}

/** In-memory Store with the same semantics as the durable backends. For tests and benchmarks. */
export class MemoryStore implements Store {
  readonly #items = new Map<string, Entry>();
  readonly #locks = new InProcessLocks();
  #closed = false;

  async get<T>(key: string): Promise<StoredItem<T> | undefined> {
    this.#assertOpen();
    const entry = this.#items.get(key);
    return entry && { key, value: structuredClone(entry.value) as T, eTag: entry.eTag };
  }

  async put<T>(key: string, value: T, options?: PutOptions): Promise<string> {
    this.#assertOpen();
    const stored = toJsonValue(value);
    checkPut(key, this.#items.get(key)?.eTag, options);
    const eTag = newETag();
    this.#items.set(key, { value: stored, eTag });
    return eTag;
  }

  async delete(key: string, options?: { ifMatch?: string }): Promise<boolean> {
    this.#assertOpen();
    checkIfMatch(key, this.#items.get(key)?.eTag, options?.ifMatch);
    return this.#items.delete(key);
  }

  async list<T>(prefix: string): Promise<StoredItem<T>[]> {
    this.#assertOpen();
    return [...this.#items.entries()]
      .filter(([key]) => key.startsWith(prefix))
      .sort(([a], [b]) => compareKeys(a, b))
      .map(([key, entry]) => ({ key, value: structuredClone(entry.value) as T, eTag: entry.eTag }));
  }

  async healthy(): Promise<boolean> {
    return !this.#closed;
  }

  async close(): Promise<void> {
    this.#closed = true;
  }

  tryAdvisoryLock(name: string): Promise<HeldLock | undefined> {
    return Promise.resolve(this.#locks.tryLock(name));
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('store: closed');
  }
}
