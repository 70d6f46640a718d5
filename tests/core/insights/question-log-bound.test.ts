import { describe, expect, it } from 'vitest';
import { MAX_EXAMPLES_PER_DAY, QuestionInsights } from '../../../src/core/insights/question-insights.js';
import { emptyReply } from '../../../src/core/reply.js';
import { MemoryStore } from '../../../src/core/store/memory-store.js';

describe('question log bound (MAX_EXAMPLES_PER_DAY)', () => {
  it('past the day’s examples a question is still counted; the next day keeps examples again', async () => {
    const store = new MemoryStore();
    const clock = { now: new Date('2025-11-03T09:00:00Z') };
    const insights = new QuestionInsights({
      store,
      clock: () => clock.now,
      timeZone: 'Europe/London',
      retentionDays: 90,
    });
    const signpost = emptyReply('signpost', 'Not covered', 'r1');
    for (let i = 0; i < MAX_EXAMPLES_PER_DAY + 5; i++) insights.record('recipe for chocolate cake', signpost);
    clock.now = new Date('2025-11-04T09:00:00Z');
    insights.record('what are the bus times', signpost);
    await insights.close();

    expect((await store.get('question-counts/2025-11-03'))?.value).toEqual({
      answered: 0,
      lowConfidence: 0,
      signposted: MAX_EXAMPLES_PER_DAY + 5,
    });
    expect(await store.list('question-log/2025-11-03/')).toHaveLength(MAX_EXAMPLES_PER_DAY);
    const next = await store.list<{ text: string }>('question-log/2025-11-04/');
    expect(next.map((e) => e.value.text)).toEqual(['what are the bus times']);
  });
});
