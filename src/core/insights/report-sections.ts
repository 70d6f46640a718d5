import type { ChecklistStats } from '../checklists/stats.js';
import { FEEDBACK_REASON_LABELS, FEEDBACK_REASONS, type FeedbackReason } from '../feedback.js';
import { localDate, mondayOf } from './dates.js';
import type { PartnershipReport } from './report-data.js';

/** A stored `feedback/{replyId}` record, as recordFeedback writes it (older records may lack `at`). */
export interface FeedbackRecord {
  itemIds?: string[];
  helpful?: boolean;
  reason?: string;
  at?: string;
}

type FeedbackSection = PartnershipReport['feedback'];

/** Feedback per item (all time, most "not helpful" first) and per week (the report's weeks). */
export function feedbackSection(
  records: readonly FeedbackRecord[],
  weeks: readonly string[],
  timeZone: string,
  titleOf: (itemId: string) => string,
): FeedbackSection {
  const perItem = new Map<
    string,
    { helpful: number; notHelpful: number; reasons: Map<FeedbackReason, number> }
  >();
  const perWeek = new Map(weeks.map((week) => [week, { week, helpful: 0, notHelpful: 0 }]));
  for (const f of records) {
    const helpful = f.helpful === true;
    for (const id of new Set(f.itemIds ?? [])) {
      const row = perItem.get(id) ?? { helpful: 0, notHelpful: 0, reasons: new Map() };
      if (helpful) row.helpful++;
      else {
        row.notHelpful++;
        const reason = FEEDBACK_REASONS.find((r) => r === f.reason);
        if (reason) row.reasons.set(reason, (row.reasons.get(reason) ?? 0) + 1);
      }
      perItem.set(id, row);
    }
    const at = f.at ? new Date(f.at) : undefined;
    const week =
      at && !Number.isNaN(at.getTime()) ? perWeek.get(mondayOf(localDate(at, timeZone))) : undefined;
    if (week) week[helpful ? 'helpful' : 'notHelpful']++;
  }
  return {
    responses: records.length,
    perItem: [...perItem]
      .map(([itemId, r]) => ({
        itemId,
        title: titleOf(itemId),
        helpful: r.helpful,
        notHelpful: r.notHelpful,
        reasons: [...r.reasons]
          .map(([reason, count]) => ({ reason, label: FEEDBACK_REASON_LABELS[reason], count }))
          .sort(
            (a, b) =>
              b.count - a.count || FEEDBACK_REASONS.indexOf(a.reason) - FEEDBACK_REASONS.indexOf(b.reason),
          ),
      }))
      .sort(
        (a, b) => b.notHelpful - a.notHelpful || b.helpful - a.helpful || a.itemId.localeCompare(b.itemId),
      ),
    perWeek: [...perWeek.values()],
  };
}

export const REFERRAL_MILESTONE = 'referral-made';

/** One row per checklist definition (in content order), then any checklist no longer in the content. */
export function checklistSection(
  stats: readonly ChecklistStats[],
  definitions: readonly { id: string; title: string }[],
): PartnershipReport['checklists'] {
  const titles = new Map(definitions.map((d) => [d.id, d.title]));
  const byId = new Map<string, ChecklistStats[]>(definitions.map((d) => [d.id, []]));
  for (const s of stats) {
    const list = byId.get(s.checklistId);
    if (list) list.push(s);
    else byId.set(s.checklistId, [s]);
  }
  return [...byId].map(([checklistId, runs]) => {
    const toReferral = runs
      .map((r) => r.milestones[REFERRAL_MILESTONE])
      .filter((ms): ms is number => typeof ms === 'number');
    const median = medianOf(toReferral);
    return {
      checklistId,
      title: titles.get(checklistId) ?? checklistId,
      runs: runs.length,
      completed: runs.filter((r) => r.status === 'completed').length,
      cancelled: runs.filter((r) => r.status === 'cancelled').length,
      open: runs.filter((r) => r.status === 'open').length,
      referralsMade: toReferral.length,
      ...(median === undefined ? {} : { medianMinutesToReferral: Math.round(median / 60_000) }),
      optionalStepsLeftBlank: runs.reduce((n, r) => n + r.skipped.length, 0),
    };
  });
}

export function medianOf(values: readonly number[]): number | undefined {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  if (sorted.length === 0) return undefined;
  return sorted.length % 2 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
