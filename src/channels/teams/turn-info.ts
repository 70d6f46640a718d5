import type { Activity } from 'botbuilder';
import type { Actor, Place } from '../../core/guide.js';

/** ADMIN_USERS holds Teams users by AAD object id (`from.aadObjectId`), which is stable across chats. */
export function actorFrom(activity: Activity, admins: ReadonlySet<string>): Actor {
  const aad = activity.from?.aadObjectId;
  return {
    userId: aad ?? activity.from?.id ?? 'unknown',
    channel: 'teams',
    isAdmin: aad !== undefined && admins.has(aad),
  };
}

export function placeFrom(activity: Activity): Place {
  const type = activity.conversation?.conversationType;
  return {
    conversationId: activity.conversation?.id ?? 'unknown',
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
