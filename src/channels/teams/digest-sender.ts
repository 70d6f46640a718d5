import type { ConversationReference, ResourceResponse } from 'botbuilder';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import { TeamsDigestSender } from './digest-delivery.js';
import { renderCard } from './render-card.js';

/**
 * The Teams digest sender: a proactive post to a stored conversation reference through our adapter.
 * The send error is caught inside the turn and rethrown afterwards: thrown inside, it would go to the
 * adapter's onTurnError (which apologises and swallows), and the digest retry logic needs the
 * connector's error (status, Retry-After) unchanged.
 */
export function createTeamsDigestSender(
  adapter: TeamsAdapter,
  appId: string | undefined,
  options: { timeoutMs?: number } = {},
): TeamsDigestSender {
  return new TeamsDigestSender({
    renderCard,
    timeoutMs: options.timeoutMs,
    continueConversation: async (reference, activity) => {
      let sent: ResourceResponse | undefined;
      let failure: unknown;
      await adapter.continueConversationAsync(
        appId ?? '',
        reference as Partial<ConversationReference>,
        async (ctx) => {
          try {
            sent = await ctx.sendActivity(activity);
          } catch (error) {
            failure = error;
          }
        },
      );
      if (failure !== undefined) throw failure;
      return sent;
    },
  });
}
