import { WebClient, type ChatPostMessageArguments } from '@slack/web-api';
import type { Reply } from '../../core/reply.js';
import { DeliveryError, type DigestSender, type SendAttempt } from '../../core/digests/sender.js';
import type { Subscription } from '../../core/digests/subscriptions.js';
import type { Config } from '../../config.js';
import { deliveryErrorFromHttp } from '../../core/digests/http-error.js';
import { renderBlocks } from './render-blocks.js';

/** Message metadata marks our digest posts so a restarted run can find them in channel history. */
export const DIGEST_EVENT_TYPE = 'digest';

/** Slack platform errors worth retrying; any other `ok: false` error will not fix itself. */
const TRANSIENT_PLATFORM_ERRORS = new Set([
  'ratelimited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
]);

export function slackChannelOf(reference: unknown): string {
  if (typeof reference === 'string' && reference) return reference;
  const channel = (reference as { channel?: unknown } | null)?.channel;
  if (typeof channel === 'string' && channel) return channel;
  throw new DeliveryError('Slack subscription has no channel id', { permanent: true });
}

function toDeliveryError(error: unknown): DeliveryError {
  const e = error as {
    code?: string;
    retryAfter?: number;
    statusCode?: number;
    headers?: Record<string, string>;
    data?: { error?: string };
  };
  switch (e?.code) {
    case 'slack_webapi_rate_limited_error':
      return new DeliveryError('Slack rate limited the post', {
        status: 429,
        retryAfterMs: (e.retryAfter ?? 1) * 1000,
        cause: error,
      });
    case 'slack_webapi_http_error':
      return deliveryErrorFromHttp(
        { statusCode: e.statusCode, headers: e.headers },
        'Slack chat.postMessage',
      );
    case 'slack_webapi_request_error':
      return new DeliveryError('Slack request got no response (network error or timeout)', { cause: error });
    case 'slack_webapi_platform_error': {
      const code = e.data?.error ?? 'unknown';
      const transient = TRANSIENT_PLATFORM_ERRORS.has(code);
      return new DeliveryError(`Slack refused the post: ${code}`, {
        status: code === 'ratelimited' ? 429 : transient ? 503 : 400,
        permanent: !transient,
        cause: { code },
      });
    }
    default:
      return deliveryErrorFromHttp(error, 'Slack chat.postMessage');
  }
}

export interface SlackDigestSenderOptions {
  /** A ready client, or a token (+ optional API URL for a fake Slack API in tests). */
  client?: WebClient;
  token?: string;
  /** With Slack's install flow: the token of the workspace a subscription's channel is in. */
  tokenFor?: (reference: unknown) => Promise<string>;
  slackApiUrl?: string;
  /** Per-request timeout; a hung request must not outlive the delivery lease. */
  timeoutMs?: number;
  renderBlocks: (reply: Reply) => unknown[];
  /** Notification / fallback text. Defaults to title and summary. */
  renderText?: (reply: Reply) => string;
}

/**
 * Posts digests with chat.postMessage. The client's own retries are off (`retries: 0`,
 * `rejectRateLimitedCalls`) so delivery.ts's policy, which honours Retry-After, is the only one.
 */
export class SlackDigestSender implements DigestSender {
  readonly platform = 'slack' as const;
  readonly #client: WebClient;
  readonly #o: SlackDigestSenderOptions;

  constructor(options: SlackDigestSenderOptions) {
    this.#o = options;
    this.#client =
      options.client ??
      new WebClient(options.token, {
        slackApiUrl: options.slackApiUrl,
        retryConfig: { retries: 0 },
        rejectRateLimitedCalls: true,
        timeout: options.timeoutMs ?? 30_000,
      });
  }

  /** Per-call token for install-flow mode; none in token mode (the client has it). */
  async #token(reference: unknown): Promise<{ token?: string }> {
    if (!this.#o.tokenFor) return {};
    try {
      return { token: await this.#o.tokenFor(reference) };
    } catch (error) {
      throw new DeliveryError('Slack: the workspace of this channel has not installed the app', {
        permanent: true,
        cause: error,
      });
    }
  }

  async send(sub: Subscription, reply: Reply, attempt: SendAttempt): Promise<{ messageId?: string }> {
    const channel = slackChannelOf(sub.reference);
    const token = await this.#token(sub.reference);
    const text = this.#o.renderText?.(reply) ?? [reply.title, reply.summary].filter(Boolean).join('\n');
    const args = {
      ...token,
      channel,
      text,
      blocks: this.#o.renderBlocks(reply),
      unfurl_links: false,
      metadata: {
        event_type: DIGEST_EVENT_TYPE,
        event_payload: { period: attempt.period, attempt_id: attempt.attemptId },
      },
    } as ChatPostMessageArguments;
    try {
      const result = await this.#client.chat.postMessage(args);
      return { messageId: result.ts };
    } catch (error) {
      throw toDeliveryError(error);
    }
  }

  /** Looks for our metadata-tagged post for the period in the channel's history (needs channels:history). */
  async wasDelivered(
    sub: Subscription,
    attempt: SendAttempt & { since: Date },
  ): Promise<{ delivered: boolean; messageId?: string } | undefined> {
    try {
      const history = await this.#client.conversations.history({
        ...(await this.#token(sub.reference)),
        channel: slackChannelOf(sub.reference),
        oldest: (attempt.since.getTime() / 1000).toFixed(6),
        include_all_metadata: true,
        limit: 200,
      });
      const hit = history.messages?.find(
        (m) =>
          m.metadata?.event_type === DIGEST_EVENT_TYPE &&
          (m.metadata.event_payload as Record<string, unknown> | undefined)?.period === attempt.period,
      );
      return hit ? { delivered: true, messageId: hit.ts } : { delivered: false };
    } catch (error) {
      // No history access (missing scope) or no answer: we cannot tell, so the caller falls back
      // to its unknown-outcome policy (or, mid-run, simply retries).
      void error;
      return undefined;
    }
  }
}

/** The Slack digest sender for the configured workspace: the Block Kit message a reply renders as. */
export function createSlackDigestSender(
  slack: NonNullable<Config['slack']>,
  options: { timeoutMs?: number; tokenFor?: (reference: unknown) => Promise<string> } = {},
): SlackDigestSender {
  return new SlackDigestSender({
    token: slack.botToken,
    tokenFor: options.tokenFor,
    slackApiUrl: slack.apiUrl,
    timeoutMs: options.timeoutMs,
    renderBlocks: (reply) => renderBlocks(reply, { feedback: true }).blocks,
    renderText: (reply) => renderBlocks(reply).text,
  });
}
