/**
 * A bounded set of recently seen keys with a time window (insertion-ordered Map as an LRU), for what
 * one process need only do once in a while: skip a redelivered Teams activity (same id within 15 s),
 * store a conversation's reference on its first message rather than every one.
 */
export class RecentKeys {
  readonly #seen = new Map<string, number>();

  constructor(
    private readonly windowMs: number,
    private readonly maxKeys: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when `key` was offered within the window and not forgotten since; records nothing. */
  has(key: string): boolean {
    const at = this.#seen.get(key);
    return at !== undefined && this.now() - at < this.windowMs;
  }

  forget(key: string): void {
    this.#seen.delete(key);
  }

  /**
   * True the first time `key` is offered within the window; false for a repeat. Keys whose window
   * has passed are dropped from the oldest end as new ones come (the Map is in the order of offers).
   */
  firstSeen(key: string): boolean {
    const t = this.now();
    const at = this.#seen.get(key);
    if (at !== undefined && t - at < this.windowMs) return false;
    this.#seen.delete(key);
    this.#seen.set(key, t);
    for (const [oldest, seenAt] of this.#seen) {
      if (this.#seen.size <= this.maxKeys && t - seenAt < this.windowMs) break;
      this.#seen.delete(oldest);
    }
    return true;
  }
}

/** Conversations whose reference this process stored lately: remembered on the first message, not every one. */
export function recentlyRemembered(): RecentKeys {
  return new RecentKeys(6 * 3_600_000, 10_000);
}
