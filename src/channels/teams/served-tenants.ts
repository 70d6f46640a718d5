import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import { NOT_SET_UP_FOR_YOUR_ORGANISATION } from '../../core/organisations.js';
import type { Logger } from '../../server/logger.js';

/** The Microsoft Entra tenant a Teams activity comes from (lower-cased, as ALLOWED_TENANTS is kept). */
export function tenantOf(activity: Activity): string | undefined {
  const fromConversation = activity.conversation?.tenantId;
  const fromChannelData = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  const id = fromConversation ?? (typeof fromChannelData === 'string' ? fromChannelData : undefined);
  return id?.toLowerCase();
}

/**
 * Answers a turn from a tenant no partnership serves with one refusal; the turn goes no further, so
 * nothing of it (reference, count, turn state) reaches the store. A person's message and the app's
 * install get the sentence; a card click or search gets it as its invoke answer; anything else (a
 * member joining, a reaction) gets nothing.
 */
export async function refuseTenant(context: TurnContext, logger: Logger): Promise<void> {
  const a = context.activity;
  const tenant = tenantOf(a);
  logger.warn({ type: a.type, name: a.name, tenant }, 'teams: turn from a tenant not served, refused');
  if (
    a.type === ActivityTypes.Message ||
    (a.type === ActivityTypes.InstallationUpdate && a.action?.startsWith('add'))
  ) {
    await context.sendActivity(NOT_SET_UP_FOR_YOUR_ORGANISATION);
  } else if (a.type === ActivityTypes.Invoke) {
    await context.sendActivity({
      type: ActivityTypes.InvokeResponse,
      value: { status: 200, body: invokeRefusal(a.name) },
    });
  }
}

function invokeRefusal(name: string | undefined): unknown {
  if (name === 'adaptiveCard/action')
    return {
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: NOT_SET_UP_FOR_YOUR_ORGANISATION,
    };
  if (name?.startsWith('composeExtension/'))
    return { composeExtension: { type: 'message', text: NOT_SET_UP_FOR_YOUR_ORGANISATION } };
  return undefined;
}
