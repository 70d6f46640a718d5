import { describe, expect, it } from 'vitest';
import { RecentReplies } from '../../../src/core/replies/recent-replies.js';
import { emptyReply, type Reply } from '../../../src/core/reply.js';

const HOUR = 60 * 60 * 1000;

/** An answer as the Teams card carries it: the reply id in its meta and in its feedback buttons. */
function answer(replyId: string, title = 'Harmful sexual behaviour: first steps'): Reply {
  const reply = emptyReply('answer', title, replyId);
  reply.steps = ['Make sure the child is safe.', 'Tell your designated safeguarding lead today.'];
  reply.actions = [
    { kind: 'feedback', label: 'Helpful', value: 'up', data: { replyId, itemIds: ['hsb-first-steps'] } },
    {
      kind: 'feedback',
      label: 'Not helpful',
      value: 'down',
      data: { replyId, itemIds: ['hsb-first-steps'] },
    },
  ];
  reply.meta.itemIds = ['hsb-first-steps'];
  return reply;
}

describe('RecentReplies (Teams: the reply behind an in-place redraw, in memory, bounded)', () => {
  it('gives back each reply exactly as kept, its own id included, while identical texts are held once', async () => {
    const kept = new RecentReplies();
    const replies = ['a1b2c3d4', 'e5f6a7b8', '0c0d0e0f'].map((id) => answer(id));
    for (const r of replies) await kept.keep(r);
    for (const r of replies) expect(await kept.full(r.meta.replyId)).toEqual(r);
    expect(kept.size).toBe(3);
    const one = new RecentReplies();
    await one.keep(answer('a1b2c3d4'));
    expect(kept.chars).toBe(one.chars); // three replies, one text

    await kept.keep(answer('99999999', 'Another answer'));
    expect(kept.chars).toBeGreaterThan(one.chars);
  });

  it('keeps a reply whose own text happens to contain its id, and one whose text holds another reply id', async () => {
    const kept = new RecentReplies();
    const own = answer('deadbeef', 'Reference deadbeef');
    const other = answer('12345678', 'Reference deadbeef');
    await kept.keep(own);
    await kept.keep(other);
    expect(await kept.full('deadbeef')).toEqual(own);
    expect(await kept.full('12345678')).toEqual(other);
  });

  it('a forgotten or expired reply is gone, and its text goes with the last reply that used it', async () => {
    let now = 0;
    const kept = new RecentReplies({ ttlMs: 2 * HOUR, now: () => now });
    await kept.keep(answer('r1'));
    await kept.keep(answer('r2'));
    await kept.forget('r1');
    expect(await kept.full('r1')).toBeUndefined();
    expect((await kept.full('r2'))?.meta.replyId).toBe('r2');

    now = 3 * HOUR;
    expect(await kept.full('r2')).toBeUndefined(); // expired: not given even before it is swept
    await kept.keep(answer('r3', 'Later answer'));
    expect(kept.size).toBe(1);
    const alone = new RecentReplies();
    await alone.keep(answer('r3', 'Later answer'));
    expect(kept.chars).toBe(alone.chars);
  });

  it('past its bounds the oldest replies go first, by count and by characters of distinct text', async () => {
    const byCount = new RecentReplies({ maxReplies: 3 });
    for (let i = 0; i < 5; i++) await byCount.keep(answer(`id${i}`, `Answer ${i}`));
    expect(byCount.size).toBe(3);
    expect(await byCount.full('id1')).toBeUndefined();
    expect((await byCount.full('id4'))?.title).toBe('Answer 4');

    const probe = new RecentReplies();
    await probe.keep(answer('id0', 'Answer 0'));
    const byChars = new RecentReplies({ maxChars: probe.chars * 2 });
    for (let i = 0; i < 5; i++) await byChars.keep(answer(`id${i}`, `Answer ${i}`));
    expect(byChars.size).toBe(2);
    expect(byChars.chars).toBeLessThanOrEqual(probe.chars * 2);
    expect((await byChars.full('id3'))?.title).toBe('Answer 3');
    expect(await byChars.full('id2')).toBeUndefined();
  });

  it('what it gives back is a copy: changing it changes nothing kept', async () => {
    const kept = new RecentReplies();
    await kept.keep(answer('r1'));
    const first = await kept.full('r1');
    first?.steps.push('changed');
    expect((await kept.full('r1'))?.steps).toHaveLength(2);
  });
});
