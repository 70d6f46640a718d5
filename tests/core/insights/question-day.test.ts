import { describe, expect, it } from 'vitest';
import { QuestionInsights } from '../../../src/core/insights/question-insights.js';
import { emptyReply } from '../../../src/core/reply.js';
import { MemoryStore } from '../../../src/core/store/memory-store.js';

const answered = () => {
  const reply = emptyReply('answer', 'An answer', 'r1');
  reply.meta.answered = true;
  return reply;
};

/** Questions at these instants, then the stored counts by local date. */
async function countsAt(timeZone: string, instants: string[]): Promise<Record<string, number>> {
  const store = new MemoryStore();
  const clock = { now: new Date(0) };
  const insights = new QuestionInsights({ store, clock: () => clock.now, timeZone, retentionDays: 0 });
  for (const at of instants) {
    clock.now = new Date(at);
    insights.record('What is MACE?', answered());
  }
  await insights.close();
  const items = await store.list<{ answered: number }>('question-counts/');
  return Object.fromEntries(items.map((i) => [i.key.slice('question-counts/'.length), i.value.answered]));
}

describe('question counts: the local day', () => {
  it('changes at local midnight, to the second, however many questions come in the same minute', async () => {
    expect(
      await countsAt('Europe/London', [
        '2025-06-30T22:59:00Z',
        '2025-06-30T22:59:59.999Z', // 23:59:59 BST
        '2025-06-30T23:00:00Z', // midnight BST: 1 July
        '2025-06-30T23:00:30Z',
        '2025-06-30T22:59:30Z', // a clock that steps back goes back to 30 June
      ]),
    ).toEqual({ '2025-06-30': 3, '2025-07-01': 2 });
  });

  it('follows zones whose offset is not whole hours', async () => {
    // Asia/Kathmandu is UTC+05:45: midnight there is 18:15 UTC.
    expect(
      await countsAt('Asia/Kathmandu', [
        '2025-03-01T18:14:59Z',
        '2025-03-01T18:15:00Z',
        '2025-03-01T18:15:01Z',
      ]),
    ).toEqual({ '2025-03-01': 1, '2025-03-02': 2 });
  });
});
