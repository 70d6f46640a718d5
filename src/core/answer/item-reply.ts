import { expandContactRefs, resolveContact, type ContactBook } from '../content/contacts.js';
import { CONTACT_REF } from '../content/contacts.js';
import type { ContentPack, GuidanceItem } from '../content/types.js';
import type { Reply, ReplyAction, ReplyContact, ReplySection, ReplySource } from '../reply.js';
import { emptyReply } from '../reply.js';

/** A guidance item as a Reply: steps, contacts, why, detail sections, sources, follow-ups. */
export function itemToReply(pack: ContentPack, item: GuidanceItem, replyId: string): Reply {
  const reply = emptyReply('answer', item.title, replyId);
  const book = pack.contacts;
  reply.summary = expandContactRefs(book, item.summary);
  reply.steps = item.steps.map((s) => expandContactRefs(book, s));
  reply.contacts = item.contactLines.map((line) => lineToContact(book, line));
  reply.why = item.why ? expandContactRefs(book, item.why) : undefined;
  reply.sections = itemSections(book, item);
  reply.sources = itemSources(item);
  reply.followUps = followUpsFor(pack, item);
  reply.actions = standardActions(reply.followUps, [item.id], replyId);
  reply.meta = { ...reply.meta, answered: true, itemIds: [item.id] };
  return reply;
}

export function itemSources(item: GuidanceItem): ReplySource[] {
  return item.sources.map((s) => ({
    id: item.id,
    title: item.title,
    document: `${s.title} (${s.publisher})`,
    section: s.section,
    url: s.url,
  }));
}

export function itemSections(book: ContactBook, item: GuidanceItem): ReplySection[] {
  const sections: ReplySection[] = [];
  if (item.intro)
    sections.push({ heading: 'About this', style: 'text', lines: [expandContactRefs(book, item.intro)] });
  for (const s of item.sections) {
    sections.push({
      heading: s.heading,
      style: s.style,
      lines: s.lines.map((l) => expandContactRefs(book, l)),
    });
  }
  return sections;
}

/** "{{contact:key}}" alone (optionally followed by a note) becomes a structured contact; other lines stay text. */
function lineToContact(book: ContactBook, line: string): ReplyContact {
  const only = /^\{\{contact:([a-z0-9_]+)\}\}\s*(?:[-–—:,]\s*(.*))?$/.exec(line.trim());
  if (only?.[1]) {
    const contact = resolveContact(book, only[1]);
    const note = only[2] ? expandContactRefs(book, only[2]) : undefined;
    return note ? { ...contact, name: `${contact.name}: ${note}` } : contact;
  }
  CONTACT_REF.lastIndex = 0;
  return { name: expandContactRefs(book, line), signpost: false };
}

export function followUpsFor(pack: ContentPack, item: GuidanceItem, limit = 3): string[] {
  const out: string[] = [];
  for (const id of item.related) {
    const related = pack.byId.get(id);
    const question = related?.questions[0];
    if (question && !out.includes(question)) out.push(question);
    if (out.length >= limit) break;
  }
  return out;
}

export function standardActions(followUps: string[], itemIds: string[], replyId: string): ReplyAction[] {
  return [
    ...followUps.map((q): ReplyAction => ({ kind: 'ask', label: q, value: q })),
    { kind: 'feedback', label: 'Helpful', value: 'up', data: { replyId, itemIds } },
    { kind: 'feedback', label: 'Not helpful', value: 'down', data: { replyId, itemIds } },
  ];
}
