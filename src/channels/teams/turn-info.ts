import type { Activity } from 'botbuilder';
import type { Actor, Place } from '../../core/guide-api.js';
import type { AdminList } from '../../core/partnerships.js';

/** Admins (ADMIN_USERS, or a pack's `serves.admins`) are Teams users by AAD object id (`from.aadObjectId`), which is stable across chats. */
export function actorFrom(activity: Activity, admins: AdminList): Actor {
  const aad = activity.from?.aadObjectId;
  return {
    userId: aad ?? activity.from?.id ?? 'unknown',
    channel: 'teams',
    isAdmin: aad !== undefined && admins.has(aad),
  };
}

/**
 * A channel message's conversation id ends `;messageid=…` (the thread); the channel itself is what
 * core keys on (digest subscriptions, remembered conversations).
 */
export function channelConversationId(id: string): string {
  return id.replace(/;messageid=\d+$/i, '');
}

/**
 * The typed text as core should see it: Teams leaves `<at>Name</at>` for every @mention but the
 * bot's own (teams-ai removes that one), and a mention is neither a command word nor a question.
 */
export function messageText(activity: Activity): string {
  return (activity.text ?? '')
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function placeFrom(activity: Activity): Place {
  const type = activity.conversation?.conversationType;
  return {
    conversationId: channelConversationId(activity.conversation?.id ?? 'unknown'),
    kind: type === 'channel' ? 'channel' : type === 'groupChat' ? 'group' : 'personal',
  };
}

/** What we may log about a turn: ids and types, never text or values. */
export function turnFields(activity: Activity): Record<string, unknown> {
  return {
    activityId: activity.id,
    type: activity.type,
    name: activity.name,
    channelId: activity.channelId,
    conversationType: activity.conversation?.conversationType,
  };
}
