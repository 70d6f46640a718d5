import { resolveContact } from '../content/contacts.js';
import type { ContentPack, GuidanceItem } from '../content/types.js';
import { emptyReply, type Reply, type ReplyAction } from '../reply.js';
import { itemToReply } from './item-reply.js';

/** The phrasing that asks for an item: its first practitioner question (follow-ups use the same). */
const askFor = (item: GuidanceItem): string => item.questions[0] ?? item.title;

/** A message about an adult at risk: this service has no adult guidance, so it says so and signposts. */
export function adultReply(pack: ContentPack, replyId: string): Reply {
  const reply = emptyReply('signpost', 'This guide covers children and young people', replyId);
  reply.summary =
    "Your message seems to be about an adult. I only have guidance about children and young people (under 18), so I won't guess. For an adult at risk, follow your own organisation's adult safeguarding procedures and talk to your safeguarding lead.";
  reply.steps = [
    'If anyone is in immediate danger, call 999.',
    "Follow your organisation's adult safeguarding procedures and talk to your safeguarding lead.",
    'If a child is also affected (for example a child living in the household), ask me about the child.',
    'If they tell you about abuse in their own childhood and the person who harmed them may still have contact with children, that is a concern about those children too: tell your designated safeguarding lead.',
  ];
  reply.contacts = ['dsl', 'emergency'].map((key) => resolveContact(pack.contacts, key));
  reply.actions = [{ kind: 'command', label: 'What can you help with?', value: 'help' }];
  return reply;
}

/** Low confidence with near items: offer them by title rather than guess, or give a bare signpost. */
export function didYouMeanReply(pack: ContentPack, items: readonly GuidanceItem[], replyId: string): Reply {
  const reply = emptyReply('signpost', 'Did you mean one of these?', replyId);
  reply.summary =
    "I don't have guidance on that exactly, so I won't guess. These are the nearest topics I have: choose one, or ask again in other words. If you are worried about a child, talk to your designated safeguarding lead (DSL).";
  reply.sections = [{ heading: 'Nearest guidance', style: 'bullets', lines: items.map((i) => i.title) }];
  reply.contacts = [resolveContact(pack.contacts, 'dsl')];
  reply.actions = [
    ...items.map((i): ReplyAction => ({ kind: 'ask', label: i.title, value: askFor(i) })),
    { kind: 'command', label: 'What can you help with?', value: 'help' },
  ];
  return reply;
}

/**
 * A worry about a child that no item covers: the pack's general route (the DSL, a referral when the
 * child may be at risk, a record), said plainly to be general rather than guessed to fit, with the
 * nearest items offered. Low confidence, so the admin report lists it beside the unanswered ones.
 */
export function generalRouteReply(
  pack: ContentPack,
  general: GuidanceItem,
  near: readonly GuidanceItem[],
  replyId: string,
): Reply {
  const reply = itemToReply(pack, general, replyId);
  reply.summary =
    `I don't have guidance on this exact situation, so here is what to do with any worry about a child. ${reply.summary ?? ''}`.trim();
  const others = near.filter((i) => i.id !== general.id);
  if (others.length > 0) {
    reply.sections.push({ heading: 'Nearest guidance', style: 'bullets', lines: others.map((i) => i.title) });
    reply.actions = [
      ...others.map((i): ReplyAction => ({ kind: 'ask', label: i.title, value: askFor(i) })),
      ...reply.actions,
    ];
  }
  reply.meta.lowConfidence = true;
  return reply;
}

/** Two questions in one message: the answer is for the first; the other is one tap away. */
export function offerSecondQuestion(reply: Reply, item: GuidanceItem): void {
  reply.sections.push({
    heading: 'You also asked about',
    style: 'text',
    lines: [`${item.title}: ${item.summary} Choose "${item.title}" below for the full guidance.`],
  });
  const value = askFor(item);
  reply.actions = [
    { kind: 'ask', label: `You also asked: ${item.title}`, value },
    ...reply.actions.filter((a) => !(a.kind === 'ask' && a.value === value)),
  ];
  reply.followUps = reply.followUps.filter((f) => f !== value);
}
