import type { Actor, Place } from '../../core/guide-api.js';
import type { AdminList } from '../../core/partnerships.js';

/** Slack user id → Actor; admins are Slack user ids (ADMIN_USERS, or a pack's `serves.admins`). */
export function slackActor(userId: string, admins: AdminList): Actor {
  return { userId, channel: 'slack', isAdmin: admins.has(userId) };
}

/** Events carry `channel_type`: im | mpim | channel | group (private channel). */
export function placeFromEvent(channel: string, channelType: string | undefined): Place {
  const kind = channelType === 'im' ? 'personal' : channelType === 'mpim' ? 'group' : 'channel';
  return { conversationId: channel, kind };
}

/** Slash commands carry `channel_name`: "directmessage", "mpdm-…", or the channel's name. */
export function placeFromCommand(channelId: string, channelName: string | undefined): Place {
  if (channelName === 'directmessage' || channelId.startsWith('D'))
    return { conversationId: channelId, kind: 'personal' };
  if (channelName?.startsWith('mpdm-')) return { conversationId: channelId, kind: 'group' };
  return { conversationId: channelId, kind: 'channel' };
}

/** Removes `<@U…>` mention tokens (the bot's and anyone else's) so core sees only the question. */
export function stripMentions(text: string): string {
  return text
    .replace(/<@[A-Z0-9]+(\|[^>]*)?>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
