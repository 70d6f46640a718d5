import type { ChecklistStats } from './checklists/stats.js';
import type { ContentPack } from './content/types.js';
import type { DigestService } from './digests/service.js';
import { emptyReply, type Reply } from './reply.js';
import type { Store } from './store/store.js';

interface FeedbackRecord {
  itemIds: string[];
  helpful: boolean;
  reason?: string;
}

/** The partnership report for admins: usage without identities, feedback, checklist timeliness, content due for review. */
export async function partnershipReport(
  pack: ContentPack,
  store: Store,
  digests: DigestService,
  now: Date,
  replyId: string,
): Promise<Reply> {
  const reply = emptyReply('notice', `Partnership report: ${pack.settings.partnership.short_name}`, replyId);
  const today = now.toISOString().slice(0, 10);

  const unanswered = await store.list<{ count: number }>('metrics/unanswered/');
  const answered = await store.list<{ count: number }>('metrics/answered/');
  const sum = (rows: { value: { count: number } }[]) => rows.reduce((n, r) => n + r.value.count, 0);
  reply.sections.push({
    heading: 'Questions (last 12 weeks, counts only: no question text is kept)',
    style: 'bullets',
    lines: [
      `Answered from guidance: ${sum(answered.slice(-84))}`,
      `No guidance found (signposted): ${sum(unanswered.slice(-84))}`,
    ],
  });

  const feedback = (await store.list<FeedbackRecord>('feedback/')).map((f) => f.value);
  const perItem = new Map<string, { up: number; down: number; reasons: Map<string, number> }>();
  for (const f of feedback) {
    for (const id of f.itemIds) {
      const row = perItem.get(id) ?? { up: 0, down: 0, reasons: new Map<string, number>() };
      if (f.helpful) row.up++;
      else {
        row.down++;
        if (f.reason) row.reasons.set(f.reason, (row.reasons.get(f.reason) ?? 0) + 1);
      }
      perItem.set(id, row);
    }
  }
  const worst = [...perItem].sort((a, b) => b[1].down - a[1].down).slice(0, 10);
  reply.sections.push({
    heading: `Feedback (${feedback.length} responses)`,
    style: 'bullets',
    lines: worst.length
      ? worst.map(
          ([id, r]) =>
            `${pack.byId.get(id)?.title ?? id}: ${r.up} helpful, ${r.down} not helpful${r.reasons.size ? ` (${[...r.reasons].map(([k, n]) => `${k} ${n}`).join(', ')})` : ''}`,
        )
      : ['No feedback yet.'],
  });

  const stats = (await store.list<ChecklistStats>('checklist-stats/')).map((s) => s.value);
  reply.sections.push({ heading: 'Checklists', style: 'bullets', lines: checklistLines(stats) });

  const overdue = pack.items.filter((i) => i.reviewBy < today);
  const soon = pack.items.filter((i) => i.reviewBy >= today && i.reviewBy < addDays(today, 60));
  reply.sections.push({
    heading: 'Guidance review dates',
    style: 'bullets',
    lines: [
      ...overdue.map((i) => `OVERDUE: ${i.title} (review was due ${i.reviewBy}; owner: ${i.owner})`),
      ...soon.map((i) => `Due soon: ${i.title} (${i.reviewBy})`),
      ...(overdue.length + soon.length === 0 ? ['All guidance is within its review date.'] : []),
    ],
  });

  const status = await digests.status();
  const failures = await digests.failures();
  reply.sections.push({
    heading: 'Weekly digests',
    style: 'bullets',
    lines: [
      `${status.length} subscribed channel(s)`,
      ...failures.map((f) => `Problem in ${f.channelKey}${f.period ? ` (${f.period})` : ''}: ${f.detail}`),
    ],
  });
  return reply;
}

function checklistLines(stats: ChecklistStats[]): string[] {
  if (stats.length === 0) return ['No checklist runs yet.'];
  const lines: string[] = [];
  const byChecklist = new Map<string, ChecklistStats[]>();
  for (const s of stats) byChecklist.set(s.checklistId, [...(byChecklist.get(s.checklistId) ?? []), s]);
  for (const [id, runs] of byChecklist) {
    const done = runs.filter((r) => r.status === 'completed').length;
    const toReferral = runs
      .map((r) => r.milestones['referral-made'])
      .filter((ms): ms is number => ms !== undefined)
      .sort((a, b) => a - b);
    const median = toReferral[Math.floor(toReferral.length / 2)];
    const skipped = runs.reduce((n, r) => n + r.skipped.length, 0);
    lines.push(
      `${id}: ${runs.length} run(s), ${done} completed, ${skipped} optional step(s) left blank` +
        (median !== undefined
          ? `; median time from start to referral made: ${Math.round(median / 60_000)} min`
          : ''),
    );
  }
  return lines;
}

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
