import {
  CardFactory,
  MessageFactory,
  TurnContext,
  type Activity,
  type ChannelAccount,
  type ConversationReference,
} from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { Reply } from '../../core/reply.js';
import { renderCard } from './render-card.js';
import { channelConversationId } from './turn-info.js';

/**
 * The reference a digest is posted to later: the channel itself, not the thread or the message the
 * admin happened to write in (a channel message's conversation id ends `;messageid=…`, and a
 * reference with an activityId makes the proactive post a reply to that message). It is stored, so it
 * keeps ids only: no display name of the person, the bot or the conversation (a group chat is often
 * named after the people in it).
 */
export function digestReference(activity: Activity): Partial<ConversationReference> {
  const reference = TurnContext.getConversationReference(activity);
  const { user, bot, conversation } = reference;
  return {
    channelId: reference.channelId,
    serviceUrl: reference.serviceUrl,
    locale: reference.locale,
    user: user && idsOf(user),
    bot: bot && idsOf(bot),
    conversation: conversation && {
      id: channelConversationId(conversation.id),
      isGroup: conversation.isGroup,
      conversationType: conversation.conversationType,
      tenantId: conversation.tenantId,
    },
  } as Partial<ConversationReference>;
}

function idsOf(account: ChannelAccount): ChannelAccount {
  return {
    id: account.id,
    ...(account.aadObjectId && { aadObjectId: account.aadObjectId }),
  } as ChannelAccount;
}

/**
 * Sends a reply to the user alone, in their 1:1 chat with the bot (created through the connector
 * if needed), using this turn's authenticated connector client. Teams has no ephemeral messages in
 * channels, so this is how a digest preview reaches only the admin who asked.
 */
export async function sendPrivately(context: TurnContext, reply: Reply): Promise<void> {
  const a = context.activity;
  const client = context.turnState.get<ConnectorClient>(context.adapter.ConnectorClientKey);
  if (!client) throw new Error('teams: no connector client on the turn');
  const tenantId = a.conversation?.tenantId ?? (a.channelData as { tenant?: { id?: string } })?.tenant?.id;
  const created = await client.conversations.createConversation({
    isGroup: false,
    bot: a.recipient,
    members: [a.from],
    tenantId,
    channelData: tenantId ? { tenant: { id: tenantId } } : undefined,
  } as Parameters<ConnectorClient['conversations']['createConversation']>[0]);
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(renderCard(reply)));
  activity.summary = reply.title;
  await client.conversations.sendToConversation(created.id, activity as Activity);
}
