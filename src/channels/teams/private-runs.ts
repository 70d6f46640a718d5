import type { Place } from '../../core/guide-api.js';
import { emptyReply, newReplyId, type Reply } from '../../core/reply.js';

/**
 * Checklists are private in Teams: a run started or continued in a channel or group chat goes to
 * the person's 1:1 chat with the bot (Teams has no ephemeral messages), and the shared space only
 * hears where it went. Slack opens a modal instead.
 */
/** Said in a channel or group chat when a checklist moves to the person's 1:1 chat with the bot. */
export const MOVED_TO_PRIVATE =
  'I have opened this checklist in a private chat with you, so only you see its questions and your answers.';

/** A reply for the asker's eyes only (core says which), asked in a channel or group chat. */
export function privateHere(reply: Reply, place: Pick<Place, 'kind'>): boolean {
  return reply.visibility === 'asker' && place.kind !== 'personal';
}

export function movedNotice(): Reply {
  const reply = emptyReply('notice', 'Continued in your private chat', newReplyId());
  reply.summary = MOVED_TO_PRIVATE;
  return reply;
}
