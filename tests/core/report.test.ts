import { describe, expect, it } from 'vitest';
import { Guide } from '../../src/core/guide.js';
import { MemoryStore } from '../../src/core/store/memory-store.js';
import { CONTENT_DIR } from '../helpers/content-fixture.js';

describe('question counts for the partnership report', () => {
  it('are counted without text, written in batches, and shown to admins only', async () => {
    const store = new MemoryStore();
    const guide = await Guide.create({ contentDir: CONTENT_DIR, store, admins: new Set() });
    const place = { conversationId: 'c1', kind: 'personal' as const };
    const user = { userId: 'u1', channel: 'slack' as const, isAdmin: false };
    await guide.handle('What is MACE?', user, place);
    await guide.handle('recipe for chocolate cake', { ...user, userId: 'u2' }, place);
    expect(await store.list('metrics/')).toEqual([]); // nothing written on the request path
    expect((await guide.handle('report', user, place)).title).toBe('Not available to you');
    const report = await guide.handle('report', { ...user, userId: 'admin', isAdmin: true }, place);
    const text = report.sections.map((s) => s.lines.join('\n')).join('\n');
    expect(text).toMatch(/Answered from guidance: 1/);
    expect(text).toMatch(/No guidance found \(signposted\): 1/);
    const stored = JSON.stringify(await store.list(''));
    expect(stored).not.toMatch(/MACE|chocolate/i);
  });
});
