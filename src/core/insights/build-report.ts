import type { ContentPack } from '../content/types.js';
import type { DigestService } from '../digests/service.js';
import type { Store } from '../store/store.js';
import { addDays, isDate, lastWeeks, localDate, mondayOf } from './dates.js';
import { groupQuestions, type DatedExample } from './group-questions.js';
import { COUNTS_PREFIX, dateOfLogKey, LOG_PREFIX, type DailyQuestionCounts } from './question-insights.js';
import {
  checklistStatsRecord,
  dailyCountsRecord,
  feedbackRecord,
  legacyCountRecord,
  questionExampleRecord,
  readRecords,
  SkippedRecords,
} from './read-records.js';
import type { PartnershipReport } from './report-data.js';
import { digestSection } from './report-digests.js';
import { checklistSection, feedbackSection } from './report-sections.js';

export const REPORT_WEEKS = 12;
export const MAX_QUESTION_GROUPS = 20;
/** Guidance due for review within this many days is listed as due soon. */
export const REVIEW_SOON_DAYS = 60;

export interface ReportSources {
  pack: ContentPack;
  store: Store;
  checklists: readonly { id: string; title: string }[];
  digests: DigestService;
  now: Date;
  /** How long question examples are kept; older ones not yet pruned are left out here too. */
  retentionDays: number;
}

/** The partnership report, read with one `store.list` per record family. */
export async function buildReport(src: ReportSources): Promise<PartnershipReport> {
  const timeZone = src.pack.settings.timezone;
  const today = localDate(src.now, timeZone);
  const weeks = lastWeeks(today, REPORT_WEEKS);
  const titleOf = (id: string) => src.pack.byId.get(id)?.title ?? id;
  const skipped = new SkippedRecords();
  const [counts, examples, feedback, stats, digests] = await Promise.all([
    weeklyCounts(src.store, weeks, skipped),
    recentExamples(src.store, addDays(today, 1 - src.retentionDays), skipped),
    readRecords(src.store, 'feedback/', feedbackRecord, skipped),
    readRecords(src.store, 'checklist-stats/', checklistStatsRecord, skipped),
    digestSection(src.store, src.digests, skipped),
  ]);
  return {
    partnership: src.pack.settings.partnership.name,
    generatedAt: src.now.toISOString(),
    weeks: REPORT_WEEKS,
    questions: {
      totals: {
        answered: sum(counts, 'answered'),
        lowConfidence: sum(counts, 'lowConfidence'),
        signposted: sum(counts, 'signposted'),
      },
      perWeek: counts,
      groups: groupQuestions(examples, MAX_QUESTION_GROUPS, titleOf),
      retentionDays: src.retentionDays,
    },
    feedback: feedbackSection(
      feedback.map((f) => f.value),
      weeks,
      timeZone,
      titleOf,
    ),
    reviewDates: reviewDates(src.pack, today),
    checklists: checklistSection(
      stats.map((s) => s.value),
      src.checklists,
    ),
    digests,
    skippedRecords: { total: skipped.total, byPrefix: skipped.byPrefix },
  };
}

type WeekCounts = PartnershipReport['questions']['perWeek'][number];

async function weeklyCounts(
  store: Store,
  weeks: readonly string[],
  skipped: SkippedRecords,
): Promise<WeekCounts[]> {
  const rows = new Map(weeks.map((week) => [week, { week, answered: 0, lowConfidence: 0, signposted: 0 }]));
  const add = (date: string, n: Partial<DailyQuestionCounts>) => {
    const row = isDate(date) ? rows.get(mondayOf(date)) : undefined;
    if (!row) return;
    row.answered += n.answered ?? 0;
    row.lowConfidence += n.lowConfidence ?? 0;
    row.signposted += n.signposted ?? 0;
  };
  const [daily, legacyAnswered, legacyUnanswered] = await Promise.all([
    readRecords(store, COUNTS_PREFIX, dailyCountsRecord, skipped),
    // Counts written before low confidence was measured (UTC days, answered or not).
    readRecords(store, 'metrics/answered/', legacyCountRecord, skipped),
    readRecords(store, 'metrics/unanswered/', legacyCountRecord, skipped),
  ]);
  for (const d of daily) add(d.key.slice(COUNTS_PREFIX.length), d.value);
  for (const d of legacyAnswered) add(d.key.slice('metrics/answered/'.length), { answered: d.value.count });
  for (const d of legacyUnanswered)
    add(d.key.slice('metrics/unanswered/'.length), { signposted: d.value.count });
  return [...rows.values()];
}

async function recentExamples(
  store: Store,
  keepFrom: string,
  skipped: SkippedRecords,
): Promise<DatedExample[]> {
  const out: DatedExample[] = [];
  for (const item of await readRecords(store, LOG_PREFIX, questionExampleRecord, skipped)) {
    const date = dateOfLogKey(item.key);
    const v = item.value;
    if (date < keepFrom) continue;
    out.push({ date, kind: v.kind, text: v.text, terms: v.terms, ...(v.itemId ? { itemId: v.itemId } : {}) });
  }
  return out;
}

function reviewDates(pack: ContentPack, today: string): PartnershipReport['reviewDates'] {
  const soon = addDays(today, REVIEW_SOON_DAYS);
  return pack.items
    .filter((i) => i.reviewBy <= soon)
    .sort((a, b) => a.reviewBy.localeCompare(b.reviewBy) || a.id.localeCompare(b.id))
    .map((i) => ({
      itemId: i.id,
      title: i.title,
      owner: i.owner,
      reviewBy: i.reviewBy,
      status: i.reviewBy < today ? ('overdue' as const) : ('due-soon' as const),
    }));
}

function sum(rows: readonly WeekCounts[], field: keyof DailyQuestionCounts): number {
  return rows.reduce((n, r) => n + r[field], 0);
}
