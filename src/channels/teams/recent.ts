/**
 * A bounded set of recently seen keys with a time window (insertion-ordered Map as an LRU).
 * Teams redelivers an activity when a turn takes longer than 15 s; the redelivery has the same id.
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

  /** True the first time `key` is offered within the window; false for a repeat. */
  firstSeen(key: string): boolean {
    const t = this.now();
    const at = this.#seen.get(key);
    if (at !== undefined && t - at < this.windowMs) return false;
    this.#seen.delete(key);
    this.#seen.set(key, t);
    while (this.#seen.size > this.maxKeys) {
      const oldest = this.#seen.keys().next().value;
      if (oldest === undefined) break;
      this.#seen.delete(oldest);
    }
    return true;
  }
}
