import { emptyReply, type Reply } from '../reply.js';
import type { DigestItem } from './pool.js';
import { dueInstant } from './schedule.js';

/** One digest already posted to a channel. */
export interface DigestHistoryEntry {
  itemId: string;
  period: string;
}

export interface DocumentInfo {
  title: string;
  url?: string;
}

/**
 * This period's item for a channel, deterministically:
 *  1. items never posted to the channel first (no repeats until the pool is exhausted), then the
 *     least recently posted;
 *  2. among those, items carrying one of the channel's focus tags first;
 *  3. then items whose theme was posted least recently (never first), so themes do not bunch;
 *  4. then pool order (local audit learning before national themes).
 */
export function pickItem(
  pool: readonly DigestItem[],
  history: readonly DigestHistoryEntry[],
  options: { focusTags?: readonly string[] } = {},
): DigestItem | undefined {
  const itemLast = new Map<string, string>();
  const themeOf = new Map(pool.map((i) => [i.id, i.theme]));
  const themeLast = new Map<string, string>();
  for (const h of history) {
    if ((itemLast.get(h.itemId) ?? '') < h.period) itemLast.set(h.itemId, h.period);
    const theme = themeOf.get(h.itemId);
    if (theme !== undefined && (themeLast.get(theme) ?? '') < h.period) themeLast.set(theme, h.period);
  }
  const focus = new Set(options.focusTags ?? []);
  const ranked = pool.map((item, index) => ({
    item,
    key: [
      itemLast.get(item.id) ?? '', // '' sorts before any period: never posted first
      focus.size > 0 && item.tags.some((t) => focus.has(t)) ? 0 : 1,
      themeLast.get(item.theme) ?? '',
      index,
    ] as const,
  }));
  ranked.sort((a, b) => {
    for (let k = 0; k < a.key.length; k++) {
      const x = a.key[k]!;
      const y = b.key[k]!;
      if (x < y) return -1;
      if (x > y) return 1;
    }
    return 0;
  });
  return ranked[0]?.item;
}

/** "Monday 23 November 2026" for the Monday of an ISO week. */
export function weekLabel(period: string): string {
  const monday = dueInstant({ day: 'monday', time: '12:00', timeZone: 'UTC' }, period);
  const month = monday.toLocaleDateString('en-GB', { month: 'long', timeZone: 'UTC' });
  return `Monday ${monday.getUTCDate()} ${month} ${monday.getUTCFullYear()}`;
}

export function digestReplyId(period: string, itemId: string): string {
  return `digest-${period}-${itemId}`;
}

/** The neutral Reply for one digest item; channels render it (Adaptive Card, Block Kit, text). */
export function composeDigest(
  item: DigestItem,
  period: string,
  partnershipName: string,
  options: { documents?: Readonly<Record<string, DocumentInfo>>; replyId?: string } = {},
): Reply {
  const replyId = options.replyId ?? digestReplyId(period, item.id);
  const reply = emptyReply('digest', `Weekly learning: ${item.title}`, replyId);
  const doc = options.documents?.[item.source.doc];
  reply.summary = item.learning;
  reply.sections = [
    { heading: 'What it means for your practice', lines: [item.forYourPractice], style: 'text' },
    { heading: 'One thing to do this week', lines: [item.thisWeek], style: 'text' },
    {
      heading: 'About this digest',
      lines: [`Weekly learning from ${partnershipName}, week beginning ${weekLabel(period)}.`],
      style: 'text',
    },
  ];
  reply.sources = [
    {
      id: item.id,
      title: item.title,
      document: doc?.title ?? item.source.doc,
      ...(item.source.section ? { section: item.source.section } : {}),
      ...(doc?.url ? { url: doc.url } : {}),
    },
  ];
  reply.followUps = [item.ask];
  const data = { itemIds: [item.id], replyId, period };
  reply.actions = [
    { kind: 'ask', label: 'Ask about this', value: item.ask, data },
    { kind: 'feedback', label: 'Useful', value: 'up', data },
    { kind: 'feedback', label: 'Not useful', value: 'down', data },
  ];
  reply.meta = { answered: true, escalation: false, pii: false, itemIds: [item.id], replyId };
  return reply;
}
