import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import type { Reply } from '../../core/reply.js';
import { renderCard } from './render-card.js';

/** Sends a Reply as one Adaptive Card message; `summary` feeds the Teams notification preview. */
export async function sendReply(context: TurnContext, reply: Reply): Promise<void> {
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(renderCard(reply)));
  activity.summary = reply.title;
  await context.sendActivity(activity);
}
