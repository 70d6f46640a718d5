import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { KeptReplies } from '../../../src/core/replies/kept-replies.js';
import { emptyReply } from '../../../src/core/reply.js';
import { MemoryStore } from '../../../src/core/store/memory-store.js';

const HOUR = 60 * 60 * 1000;

describe('KeptReplies (the full reply behind Slack "More")', () => {
  it('keeps a reply until it is forgotten or expires, and sweeps expired ones on a later write', async () => {
    const store = new MemoryStore();
    let now = 0;
    const folded = new KeptReplies(store, pino({ level: 'silent' }), 24 * HOUR, HOUR, () => now);
    await folded.keep(emptyReply('answer', 'First', 'r1'));
    await folded.keep(emptyReply('answer', 'Second', 'r2'));
    expect((await folded.full('r1'))?.title).toBe('First');
    await folded.forget('r1');
    expect(await folded.full('r1')).toBeUndefined();

    now = 25 * HOUR;
    expect(await folded.full('r2')).toBeUndefined(); // expired: not shown even before the sweep
    expect(await store.get('kept-reply/r2')).toBeDefined();
    await folded.keep(emptyReply('answer', 'Third', 'r3'));
    expect(await store.get('kept-reply/r2')).toBeUndefined();
    expect((await store.list('kept-reply/')).map((i) => i.key)).toEqual(['kept-reply/r3']);
  });
});
