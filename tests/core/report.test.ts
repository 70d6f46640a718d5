import { describe, expect, it } from 'vitest';
import { renderBlocks } from '../../src/channels/slack/render-blocks.js';
import { renderCard } from '../../src/channels/teams/render-card.js';
import type { PartnershipReport } from '../../src/core/insights/report-data.js';
import { CARD_ROWS, reportToReply } from '../../src/core/insights/report-reply.js';
import { renderPlainText } from '../../src/cli/plain-text.js';
import { MemoryStore } from '../../src/core/store/memory-store.js';
import { ADMIN, guideAt, PLACE, seedReport, TEAMS } from './insights/seed.js';

describe('the report chat command', () => {
  it('gives admins the seeded report as a card-sized reply', async () => {
    const store = new MemoryStore();
    const { guide, clock } = await guideAt(store);
    await seedReport(guide, clock, store);
    const reply = await guide.handle('report', ADMIN, PLACE);
    expect(reply.kind).toBe('notice');
    expect(reply.title).toBe('Partnership report: North Yorkshire Safeguarding Children Partnership');
    expect(reply.summary).toBe(
      'Last 12 weeks: 3 questions answered, 2 answered with low confidence, 3 signposted (no guidance found).' +
        ' This week: 1 answered, 2 low confidence, 1 signposted.',
    );
    const section = (heading: RegExp) => reply.sections.find((s) => heading.test(s.heading))?.lines ?? [];
    const shortfalls = section(/fell short/);
    expect(shortfalls[0]).toMatch(
      /^2× "(?:what training should volunteers have on safeguarding|What safeguarding training do volunteers need\?)" \(low confidence, answered with .*position of trust.*; last 2025-11-03\)$/,
    );
    expect(shortfalls.slice(1)).toEqual([
      '2× "where can I get a chocolate cake recipe" (signposted; last 2025-10-27)',
      '1× "what are the bus times to Harrogate" (signposted; last 2025-11-03)',
    ]);
    expect(section(/^Feedback \(7 responses\)$/)[1]).toMatch(
      /: 2 helpful, 1 not helpful \(It was hard to follow: 1\)$/,
    );
    expect(section(/review dates/)[0]).toMatch(/^OVERDUE: .+ \(review was due 2025-10-01; owner: .+\)$/);
    expect(section(/^Checklists$/)).toContain(
      'Making a referral about harmful sexual behaviour: 5 run(s), 3 completed, 1 open, 1 cancelled, 3 optional step(s) left blank; 4 referral(s) made, median 25 min from start',
    );
    const digests = section(/digests/);
    expect(digests).toContain(
      `${TEAMS} (monday 09:00): 2 sent, 1 failed, last sent 2025-10-20 [needs-attention]`,
    );
    expect(digests).toContain(`Problem in ${TEAMS} (2025-W44): HTTP 503`);
  });

  it('shows the top rows of each section and says how many more, within Teams and Slack limits', () => {
    const n = 40;
    const report: PartnershipReport = {
      partnership: 'Test Partnership',
      generatedAt: '2025-11-03T10:00:00.000Z',
      weeks: 12,
      questions: {
        totals: { answered: 100, lowConfidence: 10, signposted: 50 },
        perWeek: [],
        groups: Array.from({ length: 20 }, (_, i) => ({
          kind: 'signposted' as const,
          example: `question ${i} `.repeat(15).trim().slice(0, 200),
          count: 20 - i,
          lastAsked: '2025-11-01',
        })),
        retentionDays: 90,
      },
      feedback: {
        responses: 300,
        perItem: Array.from({ length: n }, (_, i) => ({
          itemId: `item-${i}`,
          title: `A guidance item with a long title number ${i}`,
          helpful: i,
          notHelpful: n - i,
          reasons: [
            { reason: 'wrong' as const, label: "It didn't answer my question", count: 3 },
            { reason: 'missing' as const, label: 'Something was missing (e.g. local contacts)', count: 2 },
          ],
        })),
        perWeek: [],
      },
      reviewDates: Array.from({ length: n }, (_, i) => ({
        itemId: `item-${i}`,
        title: `Item ${i}`,
        owner: 'Content owner',
        reviewBy: '2025-10-01',
        status: 'overdue' as const,
      })),
      checklists: [],
      digests: {
        channels: Array.from({ length: n }, (_, i) => ({
          channelKey: `teams:19:channel-${i}@thread.tacv2`,
          platform: 'teams',
          schedule: 'monday 09:00',
          sent: 10,
          failed: 1,
          state: 'needs-attention' as const,
        })),
        problems: Array.from({ length: n }, (_, i) => ({
          channelKey: `teams:19:channel-${i}@thread.tacv2`,
          period: '2025-W44',
          detail: 'HTTP 503',
        })),
      },
      skippedRecords: { total: 0, byPrefix: {} },
    };
    const reply = reportToReply(report, 'r1');
    for (const s of reply.sections) expect(s.lines.length).toBeLessThanOrEqual(2 * (CARD_ROWS + 1));
    const text = renderPlainText(reply);
    expect(text).toContain('…and 15 more'); // 20 groups
    expect(text).toContain(`…and ${n - CARD_ROWS} more`);
    expect(text).toMatch(/Checklists[\s\S]*No checklist runs yet\./);
    expect(Buffer.byteLength(JSON.stringify(renderCard(reply)))).toBeLessThan(28_000);
    const slack = renderBlocks(reply);
    expect(slack.blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(slack.blocks)).toContain(`…and ${n - CARD_ROWS} more`);
  });
});
