import { DeliveryError } from './sender.js';

export interface RetryPolicy {
  /** Attempts per delivery run, including the first. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** ± fraction of random jitter on the exponential delay (Teams docs: 20 %). */
  jitter: number;
  /** The longest Retry-After we will wait; longer ones end the run (tried again on a later tick). */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 2000,
  maxDelayMs: 20_000,
  jitter: 0.2,
  maxRetryAfterMs: 120_000,
};

/** Statuses worth retrying: throttled (429), precondition/etag (412, Teams), and server-side 5xx. */
const RETRYABLE = new Set([408, 412, 429, 500, 502, 503, 504]);

export function isRetryable(error: DeliveryError): boolean {
  if (error.permanent) return false;
  return error.status === undefined || RETRYABLE.has(error.status);
}

/**
 * True when the request may have reached the platform even though it failed (timeout, reset,
 * 5xx): before resending we ask the sender whether it was delivered.
 */
export function isAmbiguous(error: DeliveryError): boolean {
  return error.status === undefined || error.status >= 500;
}

/** Delay before attempt `attempt + 1` (attempt counts from 1). Retry-After wins when given. */
export function retryDelayMs(
  policy: RetryPolicy,
  attempt: number,
  error: DeliveryError,
  random: () => number,
): number {
  if (error.retryAfterMs !== undefined) return Math.max(0, error.retryAfterMs);
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(exp * (1 + policy.jitter * (2 * random() - 1)));
}

export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  return new DeliveryError(error instanceof Error ? error.message : String(error), { cause: error });
}
