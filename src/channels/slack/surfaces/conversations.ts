import type { App } from '@slack/bolt';
import type { Place } from '../../../core/guide-api.js';
import type { SurfaceContext } from '../surface-context.js';

/**
 * The reference a Slack digest is posted to: the channel id, and the workspace whose token reaches
 * it (with the install flow, each workspace has its own token).
 */
export function slackReference(channel: string, team?: string): { channel: string; team?: string } {
  return team ? { channel, team } : { channel };
}

/**
 * Remembers a channel the bot was added to or spoken to in, so an admin can subscribe it to the
 * digest. Stored on the first message a while (a bounded set), in the background after the ack.
 */
export function rememberChannel(
  ctx: SurfaceContext,
  channel: string,
  kind: Place['kind'],
  team: string | undefined,
): void {
  if (kind === 'personal' || !ctx.remembered.firstSeen(channel)) return;
  ctx.work.run('remember-conversation', () =>
    ctx.guide.rememberConversation('slack', channel, slackReference(channel, team)),
  );
}

/** `member_joined_channel` for the bot itself: the bot was added to a channel. */
export function registerConversations(app: App, ctx: SurfaceContext): void {
  app.event('member_joined_channel', async ({ event, context }) => {
    if (!context.botUserId || event.user !== context.botUserId) return;
    rememberChannel(ctx, event.channel, event.channel_type === 'mpim' ? 'group' : 'channel', context.teamId);
  });
}
