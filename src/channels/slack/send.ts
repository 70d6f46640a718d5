import type { webApi } from '@slack/bolt';
import type { Place } from '../../core/guide-api.js';
import type { Reply } from '../../core/reply.js';
import { encodeModalMeta } from './action-values.js';
import type { KeptReplies } from '../../core/replies/kept-replies.js';
import { renderBlocks, type RenderedMessage } from './render-blocks.js';
import { renderReplyModal } from './render-modal.js';

type WebClient = webApi.WebClient;

/**
 * A reply as a chat message: its first screen and "More" when the full reply could be kept for the
 * click, else everything at once (no store given, or it failed: the answer matters more).
 */
export async function renderMessage(reply: Reply, folded: KeptReplies | undefined): Promise<RenderedMessage> {
  const options = { inlineForm: Boolean(reply.form) };
  const first = renderBlocks(reply, options);
  if (!first.folded) return first;
  const kept = await folded?.keep(reply).then(
    () => true,
    () => false,
  );
  return kept ? first : renderBlocks(reply, { ...options, expanded: true });
}

/** Posts a reply as a message (in a thread when `threadTs` is given). */
export async function postReply(
  client: WebClient,
  target: { channel: string; threadTs?: string },
  reply: Reply,
  folded?: KeptReplies,
): Promise<string | undefined> {
  const { text, blocks } = await renderMessage(reply, folded);
  const res = await client.chat.postMessage({
    channel: target.channel,
    text,
    blocks,
    unfurl_links: false,
    unfurl_media: false,
    ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
  });
  return res.ts;
}

/**
 * Opens a checklist step as a modal when the reply has a form and Slack gave us a trigger_id
 * (valid for 3 s). Returns false when a modal is not possible, so the caller posts it inline.
 */
export async function openFormModal(
  client: WebClient,
  triggerId: string | undefined,
  reply: Reply,
  where: { channel?: string; threadTs?: string; place: Place['kind'] },
): Promise<boolean> {
  if (!triggerId || !reply.form) return false;
  const meta = encodeModalMeta({
    state: reply.form.state,
    channel: where.channel,
    threadTs: where.threadTs,
    place: where.place,
  });
  if (!meta) return false;
  await client.views.open({ trigger_id: triggerId, view: renderReplyModal(reply, meta) });
  return true;
}
