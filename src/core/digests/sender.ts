import type { Reply } from '../reply.js';
import type { DigestPlatform, Subscription } from './subscriptions.js';

/** What a sender knows about one attempt, so it can look for it later (Slack message metadata). */
export interface SendAttempt {
  period: string;
  attemptId: string;
}

/**
 * A failed send. `status` is the HTTP status when there was one; none means a network error or
 * timeout. `permanent` marks failures retrying cannot fix (channel gone, bot removed, bad token).
 */
export class DeliveryError extends Error {
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly permanent: boolean;
  /**
   * The request may have reached the platform (e.g. it timed out after being sent) and the sender
   * has no way to check. With onUnknownOutcome 'hold' the period is held for an admin, not re-sent.
   */
  readonly outcomeUnknown: boolean;
  constructor(
    message: string,
    options: {
      status?: number;
      retryAfterMs?: number;
      permanent?: boolean;
      outcomeUnknown?: boolean;
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'DeliveryError';
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
    this.permanent = options.permanent ?? false;
    this.outcomeUnknown = options.outcomeUnknown ?? false;
  }
}

/**
 * Posts a digest Reply to one subscribed channel. Implemented per platform by the transports;
 * core never imports a platform SDK.
 */
export interface DigestSender {
  readonly platform: DigestPlatform;
  /** Posts once (no internal retries: delivery.ts owns the retry policy). Throws DeliveryError. */
  send(sub: Subscription, reply: Reply, attempt: SendAttempt): Promise<{ messageId?: string }>;
  /**
   * Whether this attempt's period was already posted to the channel, for recovering from a crash or
   * an ambiguous failure (timeout, 5xx). `undefined` means the platform cannot tell us.
   */
  wasDelivered?(
    sub: Subscription,
    attempt: SendAttempt & { since: Date },
  ): Promise<{ delivered: boolean; messageId?: string } | undefined>;
}
