import type { types as Slack } from '@slack/bolt';
import type { Reply } from '../../core/reply.js';
import { FORM_CALLBACK_ID } from './action-values.js';
import { plain } from './escape.js';
import { LIMITS } from './limits.js';
import { renderBlocks } from './render-blocks.js';
import { fieldBlockId } from './render-form.js';

const TITLE = 'Safeguarding checklist';

/**
 * A checklist step as a modal (or what ends one: paused, cancelled, no longer available): the
 * reply's warnings, text and inputs, Back / Pause / Cancel as buttons, and the form's submit as the
 * modal's own. `private_metadata` carries the form state back on submit and on button clicks.
 */
export function renderReplyModal(reply: Reply, privateMetadata: string): Slack.ModalView {
  const { blocks } = renderBlocks(reply, {
    modal: true,
    feedback: false,
    maxBlocks: LIMITS.surfaceBlocks,
  });
  return {
    type: 'modal',
    callback_id: FORM_CALLBACK_ID,
    title: plain(TITLE, LIMITS.modalTitle),
    ...(reply.form ? { submit: plain(reply.form.submitLabel, LIMITS.modalTitle) } : {}),
    // "Close" keeps the run where it is (resume from "my checklists"); cancelling it is a button.
    close: plain('Close', LIMITS.modalTitle),
    private_metadata: privateMetadata,
    blocks,
  };
}

/** What the modal shows once the summary has gone to the user's DM. */
export function doneModal(failed = false): Slack.ModalView {
  const text = failed
    ? '*The summary could not be sent to your DMs.*\nYour answers are saved: send `my checklists` to the app and choose the summary to see it again.'
    : '*Done — summary sent to your DMs.*\nThe summary, with the recommended actions and a record to copy into your own case notes, is in your direct messages with this app. You can open it again from `my checklists` for 30 days.';
  return {
    type: 'modal',
    callback_id: 'sg_done',
    title: plain(TITLE, LIMITS.modalTitle),
    close: plain('Close', LIMITS.modalTitle),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
  };
}

/**
 * The reply's field errors (an answer refused, nothing saved) as Slack's `response_action: 'errors'`,
 * which shows each on its field and keeps what the user typed so they can fix it.
 */
export function fieldErrors(reply: Reply): Record<string, string> | undefined {
  const errors = (reply.form?.fields ?? [])
    .filter((f) => f.error)
    .map((f) => [fieldBlockId(f.id), (f.error ?? '').slice(0, 1000)] as const);
  return errors.length > 0 ? Object.fromEntries(errors) : undefined;
}
