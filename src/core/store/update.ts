import { ConflictError } from '../errors.js';
import type { Store, StoredItem } from './store.js';

export interface RetryOptions {
  /** First backoff ceiling in ms; doubles each attempt (full jitter). */
  baseDelayMs?: number;
  /** Largest backoff ceiling in ms. */
  maxDelayMs?: number;
}

/**
 * Read-modify-write with eTags for callers that merge rather than replace (e.g. adding an answer
 * to a checklist run). `fn` gets the current value (undefined if absent) and returns the new one;
 * it may run several times, so it must be pure. Creates with ifNoneMatch '*', updates with ifMatch.
 * On ConflictError it re-reads and retries after a jittered backoff, at most `attempts` times in all,
 * then rethrows the last ConflictError. Other errors propagate at once.
 */
export async function updateWithRetry<T>(
  store: Store,
  key: string,
  fn: (current: T | undefined) => T | Promise<T>,
  attempts = 8,
  options: RetryOptions = {},
): Promise<StoredItem<T>> {
  if (!Number.isInteger(attempts) || attempts < 1)
    throw new RangeError('updateWithRetry: attempts must be ≥ 1');
  const base = options.baseDelayMs ?? 2;
  const max = options.maxDelayMs ?? 100;
  let lastConflict: ConflictError | undefined;
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (attempt > 0) await sleep(Math.random() * Math.min(max, base * 2 ** (attempt - 1)));
    const current = await store.get<T>(key);
    const next = await fn(current?.value);
    try {
      const eTag = await store.put(key, next, current ? { ifMatch: current.eTag } : { ifNoneMatch: '*' });
      return { key, value: next, eTag };
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      lastConflict = error;
    }
  }
  throw lastConflict ?? new ConflictError(`store: ${key} kept changing`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
