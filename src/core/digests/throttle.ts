import type { DigestPlatform } from './subscriptions.js';

/** Minimum spacing between sends, per conversation and per platform (the platforms' published rate limits). */
export interface RateLimits {
  perConversationMs: number;
  perPlatformMs: number;
}

export const DEFAULT_LIMITS: Record<DigestPlatform, RateLimits> = {
  // Teams: 7 proactive sends/s per thread; ~30–50 requests/s per app per tenant (stay at 30).
  teams: { perConversationMs: Math.ceil(1000 / 7), perPlatformMs: Math.ceil(1000 / 30) },
  // Slack chat.postMessage: about 1 message/s per channel, plus a workspace-wide limit.
  slack: { perConversationMs: 1000, perPlatformMs: 50 },
};

/**
 * Reserves send slots so no conversation or platform goes faster than its limit. Each call books
 * the earliest free slot synchronously, then waits for it, so concurrent callers never share one.
 */
export class SendThrottle {
  readonly #next = new Map<string, number>();
  constructor(
    private readonly limits: Record<DigestPlatform, RateLimits>,
    private readonly now: () => number,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}

  async acquire(platform: DigestPlatform, conversation: string): Promise<void> {
    const limit = this.limits[platform];
    const convKey = `c:${platform}:${conversation}`;
    const platKey = `p:${platform}`;
    const slot = Math.max(this.now(), this.#next.get(convKey) ?? 0, this.#next.get(platKey) ?? 0);
    this.#next.set(convKey, slot + limit.perConversationMs);
    this.#next.set(platKey, slot + limit.perPlatformMs);
    const wait = slot - this.now();
    if (wait > 0) await this.sleep(wait);
  }
}

/** Runs `fn` over `items` with at most `limit` in flight; every promise is awaited. */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
