import type { App, BlockAction, types as Slack, webApi } from '@slack/bolt';
import type { Actor, FormState, Place } from '../../../core/guide-api.js';
import type { AdminList } from '../../../core/partnerships.js';
import type { Reply } from '../../../core/reply.js';
import {
  ACTION,
  FORM_CALLBACK_ID,
  actionIdPattern,
  decodeFeedback,
  decodeMore,
  decodeModalMeta,
  decodeSubmit,
  decodeText,
  type SubmitValue,
} from '../action-values.js';
import { slackActor } from '../context.js';
import { FEEDBACK_BLOCK, FEEDBACK_DONE_BLOCK, renderBlocks } from '../render-blocks.js';
import { readFormValues } from '../render-form.js';
import type { KeptReplies } from '../../../core/replies/kept-replies.js';
import { openFormModal, postReply, renderMessage } from '../send.js';
import type { SurfaceContext } from '../surface-context.js';
import { modalOutcome, sendSummary } from './modal.js';

type WebClient = webApi.WebClient;
type Respond = (message: Record<string, unknown>) => Promise<unknown>;

/** Where a clicked button lives, and where its answer goes. */
interface Origin {
  actor: Actor;
  place: Place;
  /** Channel to post the answer in (the user's id posts to their DM with the app). */
  channel: string;
  threadTs?: string;
  messageTs?: string;
  ephemeral: boolean;
  triggerId?: string;
  messageBlocks?: Slack.KnownBlock[];
}

function originOf(body: BlockAction, admins: AdminList): Origin {
  const actor = slackActor(body.user.id, admins);
  const container = body.container as {
    type?: string;
    channel_id?: string;
    message_ts?: string;
    is_ephemeral?: boolean;
    thread_ts?: string;
  };
  const channel = container.channel_id ?? body.channel?.id;
  if (container.type !== 'message' || !channel) {
    // App Home (a view): answer in the user's DM with the app.
    return {
      actor,
      place: { conversationId: body.user.id, kind: 'personal' },
      channel: body.user.id,
      ephemeral: false,
      triggerId: body.trigger_id,
    };
  }
  const personal = channel.startsWith('D');
  const messageTs = container.message_ts ?? body.message?.ts;
  const threadTs = (body.message?.thread_ts as string | undefined) ?? container.thread_ts;
  return {
    actor,
    place: { conversationId: channel, kind: personal ? 'personal' : 'channel' },
    channel,
    threadTs: personal ? threadTs : (threadTs ?? messageTs),
    messageTs,
    ephemeral: container.is_ephemeral === true,
    triggerId: body.trigger_id,
    messageBlocks: body.message?.blocks as Slack.KnownBlock[] | undefined,
  };
}

async function deliver(
  client: WebClient,
  respond: Respond | undefined,
  o: Origin,
  reply: Reply,
  folded: KeptReplies,
): Promise<void> {
  if (
    await openFormModal(client, o.triggerId, reply, {
      channel: o.channel,
      threadTs: o.threadTs,
      place: o.place.kind,
    })
  )
    return;
  // Clicked in a channel, a reply for the asker only (core says which) goes to them alone.
  const privately = o.ephemeral || (reply.visibility === 'asker' && o.place.kind !== 'personal');
  if (privately && respond) {
    const { text, blocks } = await renderMessage(reply, folded);
    await respond({ response_type: 'ephemeral', replace_original: false, text, blocks });
    return;
  }
  await postReply(client, { channel: o.channel, threadTs: o.threadTs }, reply, folded);
}

function mergeState(value: SubmitValue): FormState {
  const state: FormState = { ...value.state };
  for (const [k, v] of Object.entries(value.data ?? {})) {
    if (typeof v === 'string' || typeof v === 'number') state[k] = v;
    else if (typeof v === 'boolean') state[k] = v ? 'true' : 'false';
  }
  return state;
}

/**
 * Button clicks (follow-ups, commands, feedback, inline form submits) and modal submissions.
 * Every handler acks first; the work runs after the ack.
 */
export function registerActions(app: App, ctx: SurfaceContext): void {
  const runText =
    (label: string) =>
    async ({
      ack,
      body,
      action,
      client,
      respond,
    }: {
      ack: () => Promise<void>;
      body: BlockAction;
      action: { value?: string };
      client: WebClient;
      respond?: Respond;
    }) => {
      await ack();
      const value = decodeText(action.value);
      if (!value) return ctx.logger.warn({ label }, 'slack: button value not recognised');
      const o = originOf(body, ctx.admins);
      ctx.work.run(label, async () =>
        deliver(client, respond, o, await ctx.guide.handle(value.text, o.actor, o.place), ctx.folded),
      );
    };

  app.action<BlockAction>(actionIdPattern(ACTION.ask), async (args) =>
    runText('follow-up')({ ...args, action: args.action as { value?: string } }),
  );
  app.action<BlockAction>(actionIdPattern(ACTION.command), async (args) =>
    runText('command-button')({ ...args, action: args.action as { value?: string } }),
  );
  app.action<BlockAction>(actionIdPattern(ACTION.url), async ({ ack }) => ack());

  app.action<BlockAction>(ACTION.more, async ({ ack, body, action, client, respond }) => {
    await ack();
    const value = decodeMore((action as { value?: string }).value);
    if (!value) return ctx.logger.warn('slack: more value not recognised');
    const o = originOf(body, ctx.admins);
    ctx.work.run('more', () => showMore(client, respond, o, value.replyId, ctx.folded));
  });

  for (const [id, helpful] of [
    [ACTION.feedbackUp, true],
    [ACTION.feedbackDown, false],
  ] as const) {
    app.action<BlockAction>(id, async ({ ack, body, action, client, respond }) => {
      await ack();
      const value = decodeFeedback((action as { value?: string }).value);
      if (!value) return ctx.logger.warn('slack: feedback value not recognised');
      const o = originOf(body, ctx.admins);
      ctx.work.run('feedback', async () => {
        await ctx.guide.recordFeedback({
          replyId: value.replyId,
          itemIds: value.itemIds,
          helpful,
          channel: 'slack',
        });
        await acknowledgeFeedback(client, respond, o);
      });
    });
  }

  app.action<BlockAction>(actionIdPattern(ACTION.submit), async ({ ack, body, action, client, respond }) => {
    await ack();
    const value = decodeSubmit((action as { value?: string }).value);
    if (!value) return ctx.logger.warn('slack: form submit value not recognised');
    const o = originOf(body, ctx.admins);
    const view = body.view;
    if (view?.type === 'modal' && view.callback_id === FORM_CALLBACK_ID) {
      // Back / Pause / Cancel / Resume inside a checklist modal: the result replaces the modal.
      const meta = decodeModalMeta(view.private_metadata);
      if (!meta) return ctx.logger.warn('slack: modal metadata not recognised');
      ctx.work.run('modal-button', async () => {
        const reply = await ctx.guide.submitForm(mergeState(value), {}, o.actor);
        const outcome = modalOutcome(reply, meta);
        if (outcome.kind === 'errors') return; // only a view_submission has fields to mark
        await client.views.update({ view_id: view.id, hash: view.hash, view: outcome.view });
        if (outcome.kind === 'done')
          await sendSummary(client, body.user.id, view.id, outcome.summary, ctx.logger, ctx.folded);
      });
      return;
    }
    const values = readFormValues((body.state as { values?: unknown } | undefined)?.values);
    ctx.work.run('form-submit', async () => {
      const reply = await ctx.guide.submitForm(mergeState(value), values, o.actor);
      // A step reached from a message ("Resume" in my checklists, an inline form) continues in a modal.
      const where = { channel: o.channel, threadTs: o.threadTs, place: o.place.kind };
      if (await openFormModal(client, o.triggerId, reply, where)) return;
      const { text, blocks } = renderBlocks(reply, { inlineForm: Boolean(reply.form) });
      if (o.ephemeral && respond)
        await respond({ response_type: 'ephemeral', replace_original: true, text, blocks });
      else if (o.messageTs) await client.chat.update({ channel: o.channel, ts: o.messageTs, text, blocks });
      else await postReply(client, { channel: o.channel, threadTs: o.threadTs }, reply);
    });
  });

  app.view(FORM_CALLBACK_ID, async ({ ack, body, view, client }) => {
    const meta = decodeModalMeta(view.private_metadata);
    if (!meta) {
      await ack();
      return ctx.logger.warn('slack: modal metadata not recognised');
    }
    const actor = slackActor(body.user.id, ctx.admins);
    const values = readFormValues(view.state.values);
    // The next step replaces the modal in the ack itself (Slack's response_action: update), so the
    // store write happens before the ack; it is one small write.
    const reply = await ctx.guide.submitForm(meta.state, values, actor);
    const outcome = modalOutcome(reply, meta, true);
    if (outcome.kind === 'errors') {
      await ack({ response_action: 'errors', errors: outcome.errors });
      return;
    }
    await ack({ response_action: 'update', view: outcome.view });
    if (outcome.kind === 'done') {
      const summary = outcome.summary;
      ctx.work.run('checklist-summary', () =>
        sendSummary(client, body.user.id, view.id, summary, ctx.logger, ctx.folded),
      );
    }
  });
}

/** Swaps the feedback buttons for a thank-you line so a reply can't be rated twice. */
async function acknowledgeFeedback(
  client: WebClient,
  respond: Respond | undefined,
  o: Origin,
): Promise<void> {
  const thanks = 'Thanks for your feedback.';
  if (o.ephemeral || !o.messageTs || !o.messageBlocks) {
    if (respond) await respond({ response_type: 'ephemeral', replace_original: false, text: thanks });
    return;
  }
  const blocks = o.messageBlocks.map((b) =>
    b.block_id === FEEDBACK_BLOCK
      ? ({
          type: 'context',
          block_id: FEEDBACK_DONE_BLOCK,
          elements: [{ type: 'mrkdwn', text: thanks }],
        } as Slack.ContextBlock)
      : b,
  );
  await client.chat.update({ channel: o.channel, ts: o.messageTs, text: thanks, blocks });
}

/**
 * "More": the message becomes the full reply. A vote already given stays given (its thank-you
 * line replaces the new feedback row). Expired or already expanded: say so, change nothing.
 */
async function showMore(
  client: WebClient,
  respond: Respond | undefined,
  o: Origin,
  replyId: string,
  folded: KeptReplies,
): Promise<void> {
  const reply = await folded.full(replyId);
  if (!reply) {
    const text = 'The rest of this answer is no longer available. Please ask the question again.';
    if (respond) await respond({ response_type: 'ephemeral', replace_original: false, text });
    return;
  }
  const { text, blocks } = renderBlocks(reply, { inlineForm: Boolean(reply.form), expanded: true });
  const voted = o.messageBlocks?.find((b) => b.block_id === FEEDBACK_DONE_BLOCK);
  const merged = voted ? blocks.map((b) => (b.block_id === FEEDBACK_BLOCK ? voted : b)) : blocks;
  if (o.ephemeral || !o.messageTs) {
    if (respond) await respond({ response_type: 'ephemeral', replace_original: true, text, blocks: merged });
  } else await client.chat.update({ channel: o.channel, ts: o.messageTs, text, blocks: merged });
  await folded.forget(replyId);
}
