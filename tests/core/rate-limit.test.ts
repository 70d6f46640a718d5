import { describe, expect, it } from 'vitest';
import { Guide } from '../../src/core/guide.js';
import { RateLimiter } from '../../src/core/rate-limit.js';
import { MemoryStore } from '../../src/core/store/memory-store.js';
import { CONTENT_DIR } from '../helpers/content-fixture.js';

describe('RateLimiter', () => {
  it('allows a burst, refuses beyond it, refills over time', () => {
    let now = 0;
    const limiter = new RateLimiter({ burst: 3, perSecond: 1, maxKeys: 10, now: () => now });
    expect([1, 2, 3, 4].map(() => limiter.take('u'))).toEqual([true, true, true, false]);
    expect(limiter.take('other')).toBe(true);
    now += 1000;
    expect(limiter.take('u')).toBe(true);
    expect(limiter.take('u')).toBe(false);
  });

  it('keeps memory bounded under many distinct keys', () => {
    const limiter = new RateLimiter({ burst: 1, perSecond: 1, maxKeys: 100 });
    for (let i = 0; i < 10_000; i++) limiter.take(`user-${i}`);
    expect(limiter.size).toBe(100);
  });
});

describe('per-user message limit in Guide.handle', () => {
  it('answers a flood from one user with a friendly notice, and other users normally', async () => {
    let now = Date.parse('2026-11-30T10:00:00Z');
    const guide = await Guide.create({
      contentDir: CONTENT_DIR,
      store: new MemoryStore(),
      clock: () => new Date(now),
      userRateLimit: { burst: 2, perSecond: 0.5, maxKeys: 100 },
    });
    const place = { conversationId: 'c1', kind: 'personal' as const };
    const alice = { userId: 'alice', channel: 'teams' as const, isAdmin: false };
    const kinds = [];
    for (let i = 0; i < 3; i++) kinds.push((await guide.handle('What is MACE?', alice, place)).kind);
    expect(kinds).toEqual(['answer', 'answer', 'notice']);
    const limited = await guide.handle('What is MACE?', alice, place);
    expect(limited.summary).toMatch(/faster than I can answer.*999/);
    expect((await guide.handle('What is MACE?', { ...alice, userId: 'bob' }, place)).kind).toBe('answer');
    now += 2000;
    expect((await guide.handle('What is MACE?', alice, place)).kind).toBe('answer');
  });
});
