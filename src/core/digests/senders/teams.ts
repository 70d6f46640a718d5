import type { Reply } from '../../reply.js';
import type { DigestSender, SendAttempt } from '../sender.js';
import type { Subscription } from '../subscriptions.js';
import { deliveryErrorFromHttp } from './http-error.js';

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
 * so there is no wasDelivered(): a run that died between "sending" and "sent" is held as
 * 'unknown' for an admin (DigestService onUnknownOutcome) rather than risking a second post.
 */
export class TeamsDigestSender implements DigestSender {
  readonly platform = 'teams' as const;
  constructor(
    private readonly options: {
      continueConversation: ContinueConversation;
      renderCard: (reply: Reply) => unknown;
      renderText?: (reply: Reply) => string;
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
    try {
      const result = await this.options.continueConversation(sub.reference, activity);
      return { messageId: result?.id };
    } catch (error) {
      throw deliveryErrorFromHttp(error, 'Teams proactive send');
    }
  }
}
