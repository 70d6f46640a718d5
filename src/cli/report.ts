import { loadConfig } from '../config.js';
import { composeGuide, openStoreFor } from '../compose.js';
import type { PartnershipReport } from '../core/insights/report-data.js';
import type { CommandIo } from './io.js';

export type ReportCliIo = CommandIo;

const USAGE = [
  'usage: npm run report [-- --json]',
  '  the partnership report: questions per week, where the guidance fell short (redacted),',
  '  feedback per item, review dates, checklists, digest deliveries. --json prints the data.',
];

/** `npm run report`: reads the configured store (writes nothing) and prints the report; returns the exit code. */
export async function run(args: string[], io: ReportCliIo): Promise<number> {
  if (args.includes('--help') || args.includes('help')) {
    USAGE.forEach((l) => io.out(l));
    return 0;
  }
  const unknown = args.filter((a) => a !== '--json');
  if (unknown.length) {
    USAGE.forEach((l) => io.err(l));
    return 2;
  }
  const config = loadConfig(io.env ?? process.env, io.cwd);
  // A snapshot that takes no store lock: the report can be read beside a running server.
  const store = io.store ?? (await openStoreFor(config, 'read-only'));
  try {
    const guide = await composeGuide(config, { store, clock: io.clock });
    // Read-only: the server may be running beside us and owns the pending counts and pruning.
    const report = await guide.report({ readOnly: true });
    if (args.includes('--json')) io.out(JSON.stringify(report, null, 2));
    else reportText(report).forEach((l) => io.out(l));
    return 0;
  } finally {
    if (!io.store) await store.close();
  }
}

const pad = (s: string | number, n: number) => String(s).padStart(n);

/** The whole report as terminal text (every row: the chat card shows the top few). */
export function reportText(r: PartnershipReport): string[] {
  const q = r.questions;
  const lines = [
    `Partnership report: ${r.partnership}`,
    `Generated ${r.generatedAt.slice(0, 16).replace('T', ' ')} UTC; weeks start on Monday.`,
    '',
    `QUESTIONS, last ${r.weeks} weeks: ${q.totals.answered} answered, ${q.totals.lowConfidence} answered with low confidence, ${q.totals.signposted} signposted`,
    `  week of     answered  low conf.  signposted`,
    ...q.perWeek.map(
      (w) => `  ${w.week} ${pad(w.answered, 9)} ${pad(w.lowConfidence, 10)} ${pad(w.signposted, 11)}`,
    ),
    '',
    q.retentionDays > 0
      ? `WHERE THE GUIDANCE FELL SHORT (redacted questions, kept ${q.retentionDays} days; most asked first)`
      : 'WHERE THE GUIDANCE FELL SHORT: question examples are not kept (QUESTION_LOG_DAYS=0)',
    ...(q.groups.length || q.retentionDays === 0
      ? q.groups.map(
          (g) =>
            `  ${pad(g.count, 3)}× "${g.example}" ` +
            (g.kind === 'signposted'
              ? `(signposted; last ${g.lastAsked})`
              : `(low confidence, answered with ${g.answeredWith?.title ?? 'guidance'}; last ${g.lastAsked})`),
        )
      : ['  None.']),
    '',
    `FEEDBACK: ${r.feedback.responses} responses`,
    ...(r.feedback.perItem.length
      ? r.feedback.perItem.map(
          (i) =>
            `  ${i.title} [${i.itemId}]: ${i.helpful} helpful, ${i.notHelpful} not helpful` +
            (i.reasons.length ? ` (${i.reasons.map((x) => `${x.label}: ${x.count}`).join('; ')})` : ''),
        )
      : ['  No feedback yet.']),
    ...r.feedback.perWeek
      .filter((w) => w.helpful + w.notHelpful > 0)
      .map((w) => `  week of ${w.week}: ${w.helpful} helpful, ${w.notHelpful} not helpful`),
    '',
    'GUIDANCE REVIEW DATES (overdue, or due within 60 days)',
    ...(r.reviewDates.length
      ? r.reviewDates.map(
          (d) =>
            `  ${d.status === 'overdue' ? 'OVERDUE ' : 'due soon'} ${d.reviewBy}  ${d.title} [${d.itemId}] (owner: ${d.owner})`,
        )
      : ['  All guidance is within its review date.']),
    '',
    'CHECKLISTS',
    ...r.checklists.map(
      (c) =>
        `  ${c.title} [${c.checklistId}]: ${c.runs} run(s), ${c.completed} completed, ${c.open} open, ${c.cancelled} cancelled, ` +
        `${c.optionalStepsLeftBlank} optional step(s) left blank; ${c.referralsMade} referral(s) made` +
        (c.medianMinutesToReferral !== undefined
          ? `, median ${c.medianMinutesToReferral} min from start`
          : ''),
    ),
    '',
    'WEEKLY DIGESTS',
    ...(r.digests.channels.length
      ? r.digests.channels.map(
          (c) =>
            `  ${c.channelKey} (${c.platform}, ${c.schedule}): ${c.sent} sent, ${c.failed} failed, ` +
            `last sent ${c.lastSent ?? 'never'}${c.state === 'ok' ? '' : ` [${c.state.toUpperCase()}]`}`,
        )
      : ['  No channels subscribed.']),
    ...r.digests.problems.map(
      (p) => `  problem: ${p.channelKey}${p.period ? ` ${p.period}` : ''}: ${p.detail}`,
    ),
  ];
  return lines;
}
