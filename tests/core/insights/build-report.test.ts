import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openLowdbStore } from '../../../src/core/store/lowdb-store.js';
import { MemoryStore } from '../../../src/core/store/memory-store.js';
import type { Store } from '../../../src/core/store/store.js';
import type { PartnershipReport } from '../../../src/core/insights/report-data.js';
import { FEEDBACK_REASON_LABELS } from '../../../src/core/feedback.js';
import { guideAt, NOW, SLACK, SLACK_OLD, seedReport, TEAMS } from './seed.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const backends: [string, () => Promise<Store>][] = [
  ['memory', async () => new MemoryStore()],
  [
    'lowdb',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'sg-report-'));
      dirs.push(dir);
      return openLowdbStore(dir);
    },
  ],
];

const zero = { answered: 0, lowConfidence: 0, signposted: 0 };

describe.each(backends)('the partnership report from a seeded %s store', (_name, open) => {
  let report: PartnershipReport;
  let store: Store;

  it('is built from what the guide recorded', async () => {
    store = await open();
    const { guide, clock } = await guideAt(store);
    await seedReport(guide, clock, store);
    report = await guide.report();
    expect(report.partnership).toBe('North Yorkshire Safeguarding Children Partnership');
    expect(report.generatedAt).toBe(NOW.toISOString());
    expect(report.weeks).toBe(12);
  });

  it('counts questions per week, weeks starting Monday in Europe/London across the end of BST', () => {
    const q = report.questions;
    expect(q.perWeek.map((w) => w.week)).toEqual([
      '2025-08-18',
      '2025-08-25',
      '2025-09-01',
      '2025-09-08',
      '2025-09-15',
      '2025-09-22',
      '2025-09-29',
      '2025-10-06',
      '2025-10-13',
      '2025-10-20',
      '2025-10-27',
      '2025-11-03',
    ]);
    const week = (w: string) => q.perWeek.find((r) => r.week === w);
    for (const w of q.perWeek.slice(0, 8)) expect(w).toEqual({ week: w.week, ...zero });
    expect(week('2025-10-13')).toEqual({ week: '2025-10-13', answered: 1, lowConfidence: 0, signposted: 0 });
    expect(week('2025-10-20')).toEqual({ week: '2025-10-20', answered: 1, lowConfidence: 0, signposted: 1 });
    expect(week('2025-10-27')).toEqual({ week: '2025-10-27', answered: 0, lowConfidence: 0, signposted: 1 });
    // Two low-confidence answers, one signpost, one escalation (answered); help and checklist are commands.
    expect(week('2025-11-03')).toEqual({ week: '2025-11-03', answered: 1, lowConfidence: 2, signposted: 1 });
    expect(q.totals).toEqual({ answered: 3, lowConfidence: 2, signposted: 3 });
    expect(q.retentionDays).toBe(90);
  });

  it('groups the questions the guidance fell short on: paraphrases together, topics and kinds apart', () => {
    const [holiday, cake, bus, ...rest] = report.questions.groups;
    expect(rest).toEqual([]); // the August question is past the 90 days and was pruned
    expect(holiday).toMatchObject({
      kind: 'low-confidence',
      count: 2,
      lastAsked: '2025-11-03',
      answeredWith: {
        itemId: 'position-of-trust',
        title: expect.stringMatching(/position of trust/i),
      },
    });
    expect([
      'what training should volunteers have on safeguarding',
      'What safeguarding training do volunteers need?',
    ]).toContain(holiday?.example);
    expect(cake).toEqual({
      kind: 'signposted',
      example: 'where can I get a chocolate cake recipe',
      count: 2,
      lastAsked: '2025-10-27',
    });
    // "Harrogate" is a known place, not a possible name.
    expect(bus).toEqual({
      kind: 'signposted',
      example: 'what are the bus times to Harrogate',
      count: 1,
      lastAsked: '2025-11-03',
    });
  });

  it('lists feedback per item (with reason labels) and per week', () => {
    const f = report.feedback;
    expect(f.responses).toBe(7);
    expect(f.perItem).toEqual([
      {
        itemId: 'allegations-against-staff-lado',
        title: expect.any(String),
        helpful: 0,
        notHelpful: 3,
        reasons: [
          { reason: 'wrong', label: FEEDBACK_REASON_LABELS.wrong, count: 2 },
          { reason: 'out-of-date', label: FEEDBACK_REASON_LABELS['out-of-date'], count: 1 },
        ],
      },
      {
        itemId: 'mace',
        title: expect.stringMatching(/MACE|Multi-Agency Child Exploitation/i),
        helpful: 2,
        notHelpful: 1,
        reasons: [{ reason: 'unclear', label: FEEDBACK_REASON_LABELS.unclear, count: 1 }],
      },
    ]);
    expect(f.perWeek).toHaveLength(12);
    expect(f.perWeek.filter((w) => w.helpful + w.notHelpful > 0)).toEqual([
      { week: '2025-10-20', helpful: 1, notHelpful: 1 },
      { week: '2025-11-03', helpful: 0, notHelpful: 4 },
    ]);
  });

  it('lists guidance overdue or due for review within 60 days, soonest first', () => {
    expect(report.reviewDates.map((r) => [r.itemId, r.reviewBy, r.status])).toEqual([
      ['mace', '2025-10-01', 'overdue'],
      ['csaac', '2025-12-15', 'due-soon'],
      ['no-wrong-door', '2026-01-02', 'due-soon'],
    ]);
    for (const r of report.reviewDates) {
      expect(r.title.length).toBeGreaterThan(2);
      expect(r.owner.length).toBeGreaterThan(2);
    }
  });

  it('gives checklist completion and the median minutes to a referral', () => {
    const byId = new Map(report.checklists.map((c) => [c.checklistId, c]));
    expect(byId.get('referral')).toEqual({
      checklistId: 'referral',
      title: 'Making a referral about harmful sexual behaviour',
      runs: 5,
      completed: 3,
      cancelled: 1,
      open: 1,
      referralsMade: 4,
      medianMinutesToReferral: 25, // 10, 20, 30, 45
      optionalStepsLeftBlank: 3,
    });
    expect(byId.get('recognition')).toMatchObject({ runs: 1, completed: 1, referralsMade: 0 });
    expect(byId.get('recognition')).not.toHaveProperty('medianMinutesToReferral');
    expect(byId.get('retired-checklist')).toMatchObject({ title: 'retired-checklist', runs: 1 });
    expect(report.checklists.map((c) => c.checklistId).slice(-1)).toEqual(['retired-checklist']);
  });

  it('counts digest deliveries and failures per channel, with their problems', () => {
    expect(report.digests.channels).toEqual([
      {
        channelKey: SLACK,
        platform: 'slack',
        schedule: 'friday 15:30',
        sent: 1,
        failed: 1,
        lastSent: '2025-10-24T15:30:02Z',
        state: 'failing',
      },
      {
        channelKey: SLACK_OLD,
        platform: 'slack',
        schedule: 'not subscribed',
        sent: 1,
        failed: 0,
        lastSent: '2025-07-25T15:30:00Z',
        state: 'ok',
      },
      {
        channelKey: TEAMS,
        platform: 'teams',
        schedule: 'monday 09:00',
        sent: 2,
        failed: 1,
        lastSent: '2025-10-20T09:00:04Z',
        state: 'needs-attention',
      },
    ]);
    expect(report.digests.problems).toEqual([
      { channelKey: SLACK, period: '2025-W44', detail: expect.stringMatching(/3 periods in a row failed/) },
      { channelKey: TEAMS, period: '2025-W44', detail: 'HTTP 503' },
    ]);
  });

  it('stores no user ids', async () => {
    const stored = JSON.stringify(await store.list(''));
    // Subscriptions record their admin (createdBy) by design; question and feedback records do not.
    const questionRecords = JSON.stringify([
      ...(await store.list('question-')),
      ...(await store.list('feedback/')),
      ...(await store.list('checklist-stats/')),
    ]);
    expect(stored).toContain('question-log/');
    expect(questionRecords).not.toMatch(/user-\d+-9c2e|admin-7f3a|conv-1/);
    await store.close();
  });
});
