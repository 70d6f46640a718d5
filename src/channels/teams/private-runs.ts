import { emptyReply, newReplyId, type Reply } from '../../core/reply.js';

/**
 * Checklists are private in Teams: a run started or continued in a channel or group chat goes to
 * the person's 1:1 chat with the bot (Teams has no ephemeral messages), and the shared space only
 * hears where it went. Slack opens a modal instead.
 */
/** Said in a channel or group chat when a checklist moves to the person's 1:1 chat with the bot. */
export const MOVED_TO_PRIVATE =
  'I have opened this checklist in a private chat with you, so only you see its questions and your answers.';

/** A checklist step, its summary, or a list of someone's runs: for that person's eyes only. */
export function carriesARun(reply: Reply): boolean {
  return (
    Boolean(reply.form) ||
    reply.kind === 'checklist-step' ||
    reply.kind === 'checklist-summary' ||
    reply.actions.some((a) => a.kind === 'submit')
  );
}

export function movedNotice(): Reply {
  const reply = emptyReply('notice', 'Continued in your private chat', newReplyId());
  reply.summary = MOVED_TO_PRIVATE;
  return reply;
}
