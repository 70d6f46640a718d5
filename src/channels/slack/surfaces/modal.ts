import type { types as Slack, webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Reply } from '../../../core/reply.js';
import { encodeModalMeta, type ModalMeta } from '../action-values.js';
import { doneModal, fieldErrors, renderReplyModal } from '../render-modal.js';
import type { KeptReplies } from '../../../core/replies/kept-replies.js';
import { postReply } from '../send.js';

type WebClient = webApi.WebClient;

/** What a checklist modal does with core's reply to a submit or a button. */
export type ModalOutcome =
  | { kind: 'errors'; errors: Record<string, string> }
  | { kind: 'view'; view: Slack.ModalView }
  | { kind: 'done'; view: Slack.ModalView; summary: Reply };

/**
 * The next step (or a notice) replaces the modal; a refused answer goes on its field; a finished
 * run's summary goes to the user's DM and the modal says so. `submitted`: the reply answers a
 * view_submission (a button's reply has no field error to show).
 */
export function modalOutcome(reply: Reply, meta: ModalMeta, submitted = false): ModalOutcome {
  const errors = submitted ? fieldErrors(reply) : undefined;
  if (errors) return { kind: 'errors', errors };
  if (reply.kind === 'checklist-summary') return { kind: 'done', view: doneModal(), summary: reply };
  // The state is a few short ids, far below the 3000-character limit.
  const encoded = encodeModalMeta({ ...meta, state: reply.form?.state ?? {} }) ?? '';
  return { kind: 'view', view: renderReplyModal(reply, encoded) };
}

/** Posts the summary to the user's DM with the app; if that fails, the modal says so instead. */
export async function sendSummary(
  client: WebClient,
  userId: string,
  viewId: string | undefined,
  summary: Reply,
  logger: Logger,
  folded?: KeptReplies,
): Promise<void> {
  try {
    await postReply(client, { channel: userId }, summary, folded);
  } catch (err) {
    logger.error({ err }, 'slack: checklist summary could not be posted');
    if (viewId) await client.views.update({ view_id: viewId, view: doneModal(true) });
  }
}
