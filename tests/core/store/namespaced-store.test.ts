import { describe, expect, it } from 'vitest';
import { canLock } from '../../../src/core/store/leader-lock.js';
import { MemoryStore } from '../../../src/core/store/memory-store.js';
import { namespacedStore } from '../../../src/core/store/namespaced-store.js';
import { storeContract } from './contract.js';

storeContract('namespaced (one partnership of a shared memory store)', async () => ({
  store: namespacedStore(new MemoryStore(), 'north'),
}));

describe('namespaced store', () => {
  it('keeps each partnership under its own keys; neither sees the other', async () => {
    const shared = new MemoryStore();
    const north = namespacedStore(shared, 'north');
    const south = namespacedStore(shared, 'south');
    await north.put('subscription/teams:19:abc', { day: 'monday' });
    await south.put('subscription/teams:19:abc', { day: 'friday' });
    expect((await north.get('subscription/teams:19:abc'))?.value).toEqual({ day: 'monday' });
    expect((await south.list('subscription/')).map((i) => [i.key, i.value])).toEqual([
      ['subscription/teams:19:abc', { day: 'friday' }],
    ]);
    expect((await shared.list('')).map((i) => i.key)).toEqual([
      'partnership/north/subscription/teams:19:abc',
      'partnership/south/subscription/teams:19:abc',
    ]);
    expect(await south.delete('subscription/teams:19:abc')).toBe(true);
    expect(await north.get('subscription/teams:19:abc')).toBeDefined();
  });

  it('a lock of one partnership does not hold the other; closing a view leaves the shared store open', async () => {
    const shared = new MemoryStore();
    const north = namespacedStore(shared, 'north');
    const south = namespacedStore(shared, 'south');
    if (!canLock(north) || !canLock(south)) throw new Error('memory store views should lock');
    const held = await north.tryAdvisoryLock('digest-scheduler');
    expect(held).toBeDefined();
    expect(await north.tryAdvisoryLock('digest-scheduler')).toBeUndefined();
    expect(await south.tryAdvisoryLock('digest-scheduler')).toBeDefined();
    await north.close();
    expect(await shared.healthy()).toBe(true);
    await shared.put('k', 1);
  });
});
