/**
 * Per-key token buckets (one key per user), bounded in memory: the least recently seen keys are
 * dropped first once `maxKeys` is reached, so a flood of new ids cannot grow the map without limit.
 */
export interface RateLimitOptions {
  /** Tokens a key may spend at once. */
  burst: number;
  /** Tokens added back per second. */
  perSecond: number;
  maxKeys: number;
  now?: () => number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly now: () => number;

  constructor(private readonly options: RateLimitOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Spends one token for `key`; false when the key has none left. */
  take(key: string): boolean {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.options.burst, at: now };
    bucket.tokens = Math.min(
      this.options.burst,
      bucket.tokens + ((now - bucket.at) / 1000) * this.options.perSecond,
    );
    bucket.at = now;
    this.buckets.delete(key); // re-insert: Map order is our recency order
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.options.maxKeys) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  get size(): number {
    return this.buckets.size;
  }
}

/** 12 messages at once, then one every 3 seconds: far above a person typing, well below a script. */
export const USER_MESSAGE_LIMIT: RateLimitOptions = { burst: 12, perSecond: 1 / 3, maxKeys: 10_000 };
