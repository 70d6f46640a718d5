import type { ChecklistStats } from '../../../src/core/checklists/stats.js';
import { readChecklistsAndDigests } from '../../../src/core/content/checklists-and-digests.js';
import { loadContentPack } from '../../../src/core/content/load.js';
import type { LedgerRecord } from '../../../src/core/digests/ledger.js';
import type { ChannelHealth } from '../../../src/core/digests/subscriptions.js';
import type { Actor } from '../../../src/core/guide-api.js';
import { Guide, type GuideOptions } from '../../../src/core/guide.js';
import type { Store } from '../../../src/core/store/store.js';
import { CONTENT_DIR } from '../../helpers/content-fixture.js';

/** Monday 3 November 2025, 10:00 GMT: the week after British Summer Time ended (Sunday 26 October). */
export const NOW = new Date('2025-11-03T10:00:00Z');
export const ADMIN: Actor = { userId: 'admin-7f3a', channel: 'teams', isAdmin: true };
export const PLACE = { conversationId: 'conv-1', kind: 'personal' as const };
export const user = (n: number): Actor => ({ userId: `user-${n}-9c2e`, channel: 'slack', isAdmin: false });

export const TEAMS = 'teams:19:abc@thread.tacv2';
export const SLACK = 'slack:C123';
export const SLACK_OLD = 'slack:COLD';

/** A Guide over the real content with a settable clock; four items get review dates near NOW. */
export async function guideAt(
  store: Store,
  options: Partial<GuideOptions> = {},
): Promise<{ guide: Guide; clock: { now: Date } }> {
  const pack = await loadContentPack(CONTENT_DIR);
  const extras = await readChecklistsAndDigests(pack);
  const reviewBy: Record<string, string> = {
    mace: '2025-10-01', // overdue
    csaac: '2025-12-15', // due soon
    'no-wrong-door': '2026-01-02', // exactly 60 days ahead: due soon
    'disguised-compliance': '2026-01-03', // 61 days ahead: not listed
  };
  for (const item of pack.items) if (reviewBy[item.id]) item.reviewBy = reviewBy[item.id] as string;
  const clock = { now: NOW };
  const guide = Guide.fromContent(pack, extras, {
    store,
    clock: () => clock.now,
    userRateLimit: { burst: 1000, perSecond: 1000, maxKeys: 1000 },
    ...options,
  });
  return { guide, clock };
}

/** Questions asked at given instants (each by a different user). */
export async function askAt(
  guide: Guide,
  clock: { now: Date },
  asked: readonly (readonly [string, string])[],
): Promise<void> {
  for (const [i, [at, text]] of asked.entries()) {
    clock.now = new Date(at);
    await guide.handle(text, user(i), PLACE);
  }
  clock.now = NOW;
}

export const QUESTIONS = [
  // Sunday 23:30 BST = Sunday: the week of Monday 13 October.
  ['2025-10-19T22:30:00Z', 'What is MACE?'],
  // Sunday 23:30 UTC = Monday 00:30 BST: the week of Monday 20 October.
  ['2025-10-19T23:30:00Z', 'What is MACE?'],
  // Sunday 23:30 UTC = Sunday 23:30 GMT (clocks went back that morning): still the week of 20 October.
  ['2025-10-26T23:30:00Z', 'recipe for chocolate cake'],
  ['2025-10-27T00:30:00Z', 'where can I get a chocolate cake recipe'],
  ['2025-11-03T08:00:00Z', 'what training should volunteers have on safeguarding'],
  ['2025-11-03T08:05:00Z', 'What safeguarding training do volunteers need?'],
  ['2025-11-03T08:10:00Z', 'what are the bus times to Harrogate'],
  ['2025-11-03T08:15:00Z', 'Someone is dragging a child into a van outside school right now'],
  ['2025-11-03T08:20:00Z', 'help'],
  ['2025-11-03T08:25:00Z', 'checklist'],
  // Before the 12 weeks, and older than the 90 days examples are kept.
  ['2025-08-01T12:00:00Z', 'recipe for a birthday cake with candles'],
] as const;

export const FEEDBACK = [
  { at: '2025-06-01T09:00:00Z', itemIds: ['mace'], helpful: true },
  { at: '2025-10-20T09:00:00Z', itemIds: ['mace'], helpful: true },
  // Sunday 23:30 GMT, after the clocks went back: the week of 20 October.
  { at: '2025-10-26T23:30:00Z', itemIds: ['mace'], helpful: false, reason: 'unclear' },
  {
    at: '2025-11-03T09:00:00Z',
    itemIds: ['allegations-against-staff-lado'],
    helpful: false,
    reason: 'wrong',
  },
  {
    at: '2025-11-03T09:01:00Z',
    itemIds: ['allegations-against-staff-lado'],
    helpful: false,
    reason: 'wrong',
  },
  {
    at: '2025-11-03T09:02:00Z',
    itemIds: ['allegations-against-staff-lado'],
    helpful: false,
    reason: 'out-of-date',
  },
  { at: '2025-11-03T09:03:00Z', itemIds: [], helpful: false },
] as const;

const MIN = 60_000;
const stats = (
  checklistId: string,
  status: ChecklistStats['status'],
  referralMinutes?: number,
  skipped: string[] = [],
): ChecklistStats => ({
  v: 1,
  checklistId,
  startedOn: '2025-10-30',
  status,
  milestones: referralMinutes === undefined ? {} : { 'referral-made': referralMinutes * MIN },
  skipped,
  answered: 5,
});

export const STATS: Record<string, ChecklistStats> = {
  r1: stats('referral', 'completed', 10, ['notes']),
  r2: stats('referral', 'completed', 30),
  r3: stats('referral', 'open', 20),
  r4: stats('referral', 'cancelled'),
  r5: stats('referral', 'completed', 45, ['notes', 'safety-plan']),
  r6: stats('recognition', 'completed'),
  r7: stats('retired-checklist', 'completed'),
};

const ledger = (state: 'sent' | 'failed', at: string, extra: Partial<LedgerRecord> = {}): LedgerRecord =>
  (state === 'sent'
    ? { state, attemptId: 'a', at, itemId: 'audit-1' }
    : {
        state,
        attemptId: 'a',
        at,
        itemId: 'audit-1',
        runs: 3,
        error: 'HTTP 503',
        final: true,
        ...extra,
      }) as LedgerRecord;

/** Everything a report reads, written the way the product writes it (feedback and subscriptions through the Guide). */
export async function seedReport(guide: Guide, clock: { now: Date }, store: Store): Promise<void> {
  await askAt(guide, clock, QUESTIONS);
  for (const [i, f] of FEEDBACK.entries()) {
    clock.now = new Date(f.at);
    await guide.recordFeedback({
      replyId: `reply-${i}-abcd`,
      itemIds: [...f.itemIds],
      helpful: f.helpful,
      ...('reason' in f ? { reason: f.reason } : {}),
      channel: 'teams',
    });
  }
  clock.now = NOW;
  for (const [runId, s] of Object.entries(STATS)) await store.put(`checklist-stats/${runId}`, s);

  await guide.digests.subscribe({
    channelKey: TEAMS,
    platform: 'teams',
    reference: { conversation: { id: '19:abc@thread.tacv2' } },
    by: 'teams:admin-7f3a',
  });
  await guide.digests.subscribe({
    channelKey: SLACK,
    platform: 'slack',
    reference: { channel: 'C123' },
    day: 'friday',
    time: '15:30',
    by: 'slack:admin-7f3a',
  });
  await store.put(`digest-ledger/${TEAMS}/2025-W42`, ledger('sent', '2025-10-13T09:00:05Z'));
  await store.put(`digest-ledger/${TEAMS}/2025-W43`, ledger('sent', '2025-10-20T09:00:04Z'));
  await store.put(`digest-ledger/${TEAMS}/2025-W44`, ledger('failed', '2025-10-27T09:30:00Z'));
  await store.put(`digest-ledger/${SLACK}/2025-W43`, ledger('sent', '2025-10-24T15:30:02Z'));
  await store.put(
    `digest-ledger/${SLACK}/2025-W44`,
    ledger('failed', '2025-10-31T15:45:00Z', { final: false, error: 'channel_not_found' }),
  );
  await store.put(`digest-health/${SLACK}`, {
    channelKey: SLACK,
    consecutiveFailedPeriods: 3,
    failing: true,
    lastError: 'channel_not_found',
    lastFailedPeriod: '2025-W44',
    lastFailureAt: '2025-10-31T15:45:00Z',
    lastSent: { period: '2025-W43', at: '2025-10-24T15:30:02Z', itemId: 'audit-1' },
  } satisfies ChannelHealth);
  // A channel unsubscribed since: its history still counts.
  await store.put(`digest-ledger/${SLACK_OLD}/2025-W30`, ledger('sent', '2025-07-25T15:30:00Z'));
}
