import { emptyReply, type Reply } from '../reply.js';
import type { PartnershipReport } from './report-data.js';

/** Rows per section in the chat card: the full lists are in `npm run report` and the playground admin view. */
export const CARD_ROWS = 5;

const more = (total: number, shown: number) => (total > shown ? [`…and ${total - shown} more`] : []);

/** The report as a neutral chat Reply, short enough for a Teams card or Slack blocks. */
export function reportToReply(report: PartnershipReport, replyId: string): Reply {
  const reply = emptyReply('notice', `Partnership report: ${report.partnership}`, replyId);
  const q = report.questions;
  const thisWeek = q.perWeek.at(-1);
  reply.summary =
    `Last ${report.weeks} weeks: ${q.totals.answered} questions answered, ${q.totals.lowConfidence} answered with low confidence, ` +
    `${q.totals.signposted} signposted (no guidance found).` +
    (thisWeek
      ? ` This week: ${thisWeek.answered} answered, ${thisWeek.lowConfidence} low confidence, ${thisWeek.signposted} signposted.`
      : '');

  const groups = q.groups.slice(0, CARD_ROWS);
  reply.sections.push({
    heading:
      q.retentionDays > 0
        ? `Where the guidance fell short (redacted questions, kept ${q.retentionDays} days)`
        : 'Where the guidance fell short',
    style: 'bullets',
    lines: groups.length
      ? [
          ...groups.map(
            (g) =>
              `${g.count}× "${g.example}" (${g.kind === 'signposted' ? 'signposted' : `low confidence, answered with ${g.answeredWith?.title ?? 'guidance'}`}; last ${g.lastAsked})`,
          ),
          ...more(q.groups.length, groups.length),
        ]
      : [
          q.retentionDays > 0
            ? 'No unanswered or low-confidence questions.'
            : 'Question examples are not kept.',
        ],
  });

  const items = report.feedback.perItem.slice(0, CARD_ROWS);
  reply.sections.push({
    heading: `Feedback (${report.feedback.responses} responses)`,
    style: 'bullets',
    lines: items.length
      ? [
          ...items.map(
            (i) =>
              `${i.title}: ${i.helpful} helpful, ${i.notHelpful} not helpful` +
              (i.reasons.length ? ` (${i.reasons.map((r) => `${r.label}: ${r.count}`).join('; ')})` : ''),
          ),
          ...more(report.feedback.perItem.length, items.length),
        ]
      : ['No feedback yet.'],
  });

  const reviews = report.reviewDates.slice(0, CARD_ROWS);
  reply.sections.push({
    heading: 'Guidance review dates',
    style: 'bullets',
    lines: reviews.length
      ? [
          ...reviews.map((r) =>
            r.status === 'overdue'
              ? `OVERDUE: ${r.title} (review was due ${r.reviewBy}; owner: ${r.owner})`
              : `Due soon: ${r.title} (${r.reviewBy}; owner: ${r.owner})`,
          ),
          ...more(report.reviewDates.length, reviews.length),
        ]
      : ['All guidance is within its review date.'],
  });

  const used = report.checklists.filter((c) => c.runs > 0);
  reply.sections.push({
    heading: 'Checklists',
    style: 'bullets',
    lines: used.length
      ? used
          .slice(0, CARD_ROWS)
          .map(
            (c) =>
              `${c.title}: ${c.runs} run(s), ${c.completed} completed, ${c.open} open, ${c.cancelled} cancelled, ${c.optionalStepsLeftBlank} optional step(s) left blank` +
              (c.medianMinutesToReferral !== undefined
                ? `; ${c.referralsMade} referral(s) made, median ${c.medianMinutesToReferral} min from start`
                : ''),
          )
      : ['No checklist runs yet.'],
  });

  const d = report.digests;
  const channels = d.channels.slice(0, CARD_ROWS);
  const problems = d.problems.slice(0, CARD_ROWS);
  reply.sections.push({
    heading: 'Weekly digests',
    style: 'bullets',
    lines: [
      ...(channels.length
        ? channels.map(
            (c) =>
              `${c.channelKey} (${c.schedule}): ${c.sent} sent, ${c.failed} failed` +
              `${c.lastSent ? `, last sent ${c.lastSent.slice(0, 10)}` : ''}${c.state === 'ok' ? '' : ` [${c.state}]`}`,
          )
        : ['No channels subscribed.']),
      ...more(d.channels.length, channels.length),
      ...problems.map((p) => `Problem in ${p.channelKey}${p.period ? ` (${p.period})` : ''}: ${p.detail}`),
      ...more(d.problems.length, problems.length),
    ],
  });
  const skipped = report.skippedRecords;
  if (skipped.total > 0) {
    reply.sections.push({
      heading: 'Unreadable records',
      style: 'bullets',
      lines: [
        `${skipped.total} stored record(s) could not be read and were left out of this report: ` +
          Object.entries(skipped.byPrefix)
            .map(([prefix, n]) => `${n} under ${prefix}`)
            .join(', '),
      ],
    });
  }
  return reply;
}
