import type { Reply } from '../../core/reply.js';
import { DeliveryError, type DigestSender, type SendAttempt } from '../../core/digests/sender.js';
import type { Subscription } from '../../core/digests/subscriptions.js';
import { deliveryErrorFromHttp } from '../../core/digests/http-error.js';

/** The outgoing Bot Framework activity (a subset of botbuilder's Partial<Activity>). */
export interface DigestActivity {
  type: 'message';
  text?: string;
  summary?: string;
  attachments: { contentType: 'application/vnd.microsoft.card.adaptive'; content: unknown }[];
}

/**
 * Sends one activity to a stored ConversationReference, e.g. with
 * `adapter.continueConversationAsync(appId, reference, ctx => ctx.sendActivity(activity))`.
 * Must throw the connector's error (RestError with statusCode / Retry-After) unchanged.
 */
export type ContinueConversation = (
  reference: unknown,
  activity: DigestActivity,
) => Promise<{ id?: string } | undefined>;

/**
 * Posts digests to Teams channels. Teams gives a bot no reliable way to read back what it posted,
 * so there is no wasDelivered(): a run that died between "sending" and "sent", or a post that timed
 * out or lost its connection after being sent, is held as 'unknown' for an admin (DigestService
 * onUnknownOutcome) rather than risking a second post. HTTP errors (429, 412, 5xx) are retried.
 */
export class TeamsDigestSender implements DigestSender {
  readonly platform = 'teams' as const;
  constructor(
    private readonly options: {
      continueConversation: ContinueConversation;
      renderCard: (reply: Reply) => unknown;
      renderText?: (reply: Reply) => string;
      /** A post with no answer by then counts as a timeout whose outcome is unknown (default 30 s). */
      timeoutMs?: number;
    },
  ) {}

  async send(sub: Subscription, reply: Reply, _attempt: SendAttempt): Promise<{ messageId?: string }> {
    const activity: DigestActivity = {
      type: 'message',
      summary: reply.title,
      ...(this.options.renderText ? { text: this.options.renderText(reply) } : {}),
      attachments: [
        { contentType: 'application/vnd.microsoft.card.adaptive', content: this.options.renderCard(reply) },
      ],
    };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new DeliveryError('Teams proactive send timed out', {
              outcomeUnknown: true,
              cause: { code: 'ETIMEDOUT' },
            }),
          ),
        this.options.timeoutMs ?? 30_000,
      );
    });
    try {
      const result = await Promise.race([
        this.options.continueConversation(sub.reference, activity),
        timeout,
      ]);
      return { messageId: result?.id };
    } catch (error) {
      const e = deliveryErrorFromHttp(error, 'Teams proactive send');
      if (e.status !== undefined || e.outcomeUnknown || neverSent(error)) throw e;
      // No answer for another reason (connection reset mid-request): the post may have landed.
      throw new DeliveryError(e.message, { outcomeUnknown: true, cause: error });
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Errors raised before the request could reach the connector: safe to retry. */
const CONNECT_ERRORS = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH/;

function neverSent(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown; cause?: { code?: unknown } } | undefined;
  return [e?.code, e?.cause?.code, e?.message].some((v) => typeof v === 'string' && CONNECT_ERRORS.test(v));
}
