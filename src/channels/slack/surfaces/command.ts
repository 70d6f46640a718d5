import type { App } from '@slack/bolt';
import { placeFromCommand, slackActor } from '../context.js';
import { openFormModal, renderMessage } from '../send.js';
import type { SurfaceContext } from '../surface-context.js';
import { rememberChannel, slackReference } from './conversations.js';

export const SLASH_COMMAND = '/safeguarding';

/**
 * `/safeguarding <question | checklist … | digest … | help>`. Acked at once with an empty body;
 * the answer follows through `response_url`: ephemeral in channels (only the asker sees a
 * question that may be sensitive), a normal message in the user's DM with the app.
 */
export function registerCommand(app: App, ctx: SurfaceContext): void {
  app.command(SLASH_COMMAND, async ({ ack, command, respond, client, context }) => {
    await ack();
    const actor = slackActor(command.user_id, ctx.admins);
    const place = placeFromCommand(command.channel_id, command.channel_name);
    const text = command.text.trim() || 'help';
    rememberChannel(ctx, command.channel_id, place.kind, context.teamId);
    ctx.work.run('slash-command', async () => {
      const reply = await ctx.guide.handle(text, actor, {
        ...place,
        reference: slackReference(command.channel_id, context.teamId),
      });
      if (
        await openFormModal(client, command.trigger_id, reply, {
          channel: command.channel_id,
          place: place.kind,
        })
      )
        return;
      const { text: fallback, blocks } = await renderMessage(reply, ctx.folded);
      await respond({
        response_type: place.kind === 'personal' ? 'in_channel' : 'ephemeral',
        replace_original: false,
        text: fallback,
        blocks,
      });
    });
  });
}
