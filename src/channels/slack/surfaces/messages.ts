import type { App } from '@slack/bolt';
import { placeFromEvent, slackActor, stripMentions } from '../context.js';
import { postReply } from '../send.js';
import type { SurfaceContext } from '../surface-context.js';
import { renderBlocks } from '../render-blocks.js';
import { rememberChannel, slackReference } from './conversations.js';

/**
 * @mentions in channels (answered in the message's thread) and direct messages (answered in the
 * DM, with the welcome and privacy note before the first answer). Bot messages, edits and other
 * subtypes are ignored. Events are acked by Bolt before these run; retries are dropped by the
 * dedupe middleware.
 */
export function registerMessages(app: App, ctx: SurfaceContext): void {
  app.event('app_mention', async ({ event, client, context }) => {
    if (event.bot_id || event.subtype || !event.user) return;
    const actor = slackActor(event.user, ctx.admins);
    const place = placeFromEvent(event.channel, 'channel');
    const text = stripMentions(event.text) || 'help';
    const threadTs = event.thread_ts ?? event.ts;
    rememberChannel(ctx, event.channel, place.kind, context.teamId);
    ctx.work.run('app-mention', async () => {
      const reply = await ctx.guide.handle(text, actor, {
        ...place,
        reference: slackReference(event.channel, context.teamId),
      });
      if (reply.visibility === 'asker') {
        // A digest preview, a checklist's questions and answers: only the person who asked sees it.
        const { text: fallback, blocks } = renderBlocks(reply);
        await client.chat.postEphemeral({
          channel: event.channel,
          user: actor.userId,
          text: fallback,
          blocks,
        });
        return;
      }
      await postReply(client, { channel: event.channel, threadTs }, reply, ctx.folded);
    });
  });

  app.message(async ({ message, client }) => {
    // Only plain user messages in the bot's DM: no subtype (edits, joins, bot_message…), no bot.
    if (message.subtype !== undefined || message.channel_type !== 'im') return;
    if (message.bot_id || !message.user || typeof message.text !== 'string') return;
    const actor = slackActor(message.user, ctx.admins);
    const place = placeFromEvent(message.channel, 'im');
    const text = stripMentions(message.text) || 'help';
    const threadTs = message.thread_ts;
    ctx.work.run('direct-message', async () => {
      if (await ctx.welcomed.firstTime(actor.userId)) {
        await postReply(client, { channel: message.channel }, ctx.guide.welcome());
      }
      const reply = await ctx.guide.handle(text, actor, place);
      await postReply(client, { channel: message.channel, threadTs }, reply, ctx.folded);
    });
  });
}
