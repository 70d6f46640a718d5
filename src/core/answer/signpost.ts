import { resolveContact } from '../content/contacts.js';
import type { ContentPack } from '../content/types.js';
import type { Reply } from '../reply.js';
import { emptyReply } from '../reply.js';

/** The honest "no guidance" reply: says so plainly and points to people who can help. */
export function signpostReply(pack: ContentPack, replyId: string, reason: 'no-match' | 'off-topic'): Reply {
  const reply = emptyReply('signpost', "I don't have guidance on that", replyId);
  reply.summary =
    reason === 'off-topic'
      ? "I don't have guidance on that. I can only help with safeguarding children, mainly harmful sexual behaviour: what to do, who to contact and the partnership's audit learning."
      : "I don't have guidance on that in the partnership's content, so I won't guess. If you are worried about a child, talk to your designated safeguarding lead (DSL) or the local children's social care front door.";
  reply.steps = [
    'If a child is in immediate danger, call 999.',
    'Talk to your designated safeguarding lead (DSL) about your concern.',
    "If you think a child may be at risk of harm, contact children's social care (the local front door).",
  ];
  reply.contacts = ['dsl', 'front_door', 'emergency'].map((key) => resolveContact(pack.contacts, key));
  reply.followUps = [
    'What is harmful sexual behaviour?',
    'How do I make a referral to children\u2019s social care?',
    'help',
  ];
  reply.actions = [
    { kind: 'ask', label: 'What is harmful sexual behaviour?', value: 'What is harmful sexual behaviour?' },
    { kind: 'command', label: 'What can you help with?', value: 'help' },
  ];
  return reply;
}
