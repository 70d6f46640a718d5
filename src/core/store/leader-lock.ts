import type { Store } from './store.js';

/** A lock held until released (or, for PostgreSQL, until the holding process's session ends). */
export interface HeldLock {
  release(): Promise<void>;
}

/**
 * Stores that can elect a leader (e.g. for the weekly digest job). PostgreSQL uses a session-level
 * advisory lock, so only one instance on a shared database holds it; the single-process backends
 * lock within the process.
 */
export interface LockingStore extends Store {
  tryAdvisoryLock(name: string): Promise<HeldLock | undefined>;
}

export function canLock(store: Store): store is LockingStore {
  return typeof (store as Partial<LockingStore>).tryAdvisoryLock === 'function';
}

/** Tries to become leader for `name`; undefined means another holder has it. */
export async function tryAdvisoryLock(store: Store, name: string): Promise<HeldLock | undefined> {
  if (!canLock(store)) throw new Error('store: this backend cannot take locks');
  return store.tryAdvisoryLock(name);
}

export class InProcessLocks {
  readonly #held = new Set<string>();

  tryLock(name: string): HeldLock | undefined {
    if (this.#held.has(name)) return undefined;
    this.#held.add(name);
    let released = false;
    return {
      release: async () => {
        if (released) return;
        released = true;
        this.#held.delete(name);
      },
    };
  }
}
