import { describe, expect, it } from 'vitest';
import { FirstTimeKeys } from '../../../src/channels/shared/first-time.js';
import { MemoryStore } from '../../../src/core/store/memory-store.js';
import { silentLogger } from '../../../src/core/store/store-logger.js';

function keys(store: MemoryStore, now: { t: number }, ifStoreFails: 'first' | 'seen' = 'first') {
  return new FirstTimeKeys({
    store,
    prefix: 'test-pair/',
    logger: silentLogger,
    keepMs: 60_000,
    ifStoreFails,
    what: 'test key',
    clock: () => new Date(now.t),
  });
}

describe('FirstTimeKeys.firstOfPair', () => {
  it('answers a pair once, across two holders of one store; the same member again starts over', async () => {
    const store = new MemoryStore();
    const now = { t: Date.parse('2026-12-01T09:00:00Z') };
    const one = keys(store, now);
    const two = keys(store, now);
    expect(await one.firstOfPair('conv-1', 'conversationUpdate')).toBe(true);
    expect(await two.firstOfPair('conv-1', 'installationUpdate')).toBe(false);
    // Used up: the next of either member is a new first.
    expect(await one.firstOfPair('conv-1', 'installationUpdate')).toBe(true);
    expect(await two.firstOfPair('conv-1', 'installationUpdate')).toBe(true);
    expect(await two.firstOfPair('conv-1', 'conversationUpdate')).toBe(false);
    expect(await one.firstOfPair('conv-2', 'conversationUpdate')).toBe(true);
  });

  it('the other member after the window is a first of its own', async () => {
    const store = new MemoryStore();
    const now = { t: Date.parse('2026-12-01T09:00:00Z') };
    const k = keys(store, now);
    expect(await k.firstOfPair('conv-1', 'conversationUpdate')).toBe(true);
    now.t += 61_000;
    expect(await k.firstOfPair('conv-1', 'installationUpdate')).toBe(true);
  });

  it('when the store cannot be written, acts as told', async () => {
    const store = new MemoryStore();
    await store.close();
    const now = { t: Date.now() };
    expect(await keys(store, now, 'first').firstOfPair('conv-1', 'a')).toBe(true);
    expect(await keys(store, now, 'seen').firstOfPair('conv-1', 'a')).toBe(false);
    expect(await keys(store, now, 'first').firstTime('event-1')).toBe(true);
    expect(await keys(store, now, 'seen').firstTime('event-2')).toBe(false);
  });
});

describe('FirstTimeKeys.firstTime', () => {
  it('is true once per key across holders of one store', async () => {
    const store = new MemoryStore();
    const now = { t: Date.now() };
    expect(await keys(store, now).firstTime('activity-1')).toBe(true);
    expect(await keys(store, now).firstTime('activity-1')).toBe(false);
    expect(await keys(store, now).firstTime('activity-2')).toBe(true);
    expect((await store.list('test-pair/')).map((i) => i.key)).toEqual([
      'test-pair/activity-1',
      'test-pair/activity-2',
    ]);
  });
});

describe('FirstTimeKeys with memoryUnlessShared', () => {
  const options = (store: MemoryStore & { sharedByInstances?: boolean }, now?: { t: number }) =>
    new FirstTimeKeys({
      store,
      prefix: 'per-turn/',
      logger: silentLogger,
      keepMs: 15_000,
      ifStoreFails: 'first',
      what: 'per-turn key',
      memoryUnlessShared: true,
      ...(now && { clock: () => new Date(now.t) }),
    });

  it('in this process, refuses a repeat for keepMs however many keys come meanwhile, then takes it again', async () => {
    const now = { t: 0 };
    const k = options(new MemoryStore(), now);
    expect(await k.firstTime('activity-1')).toBe(true);
    // Far more than the 2,000 recent keys a store-backed holder keeps in memory.
    for (let i = 0; i < 5_000; i++) {
      now.t += 2;
      expect(await k.firstTime(`other-${i}`)).toBe(true);
    }
    now.t = 14_999;
    expect(await k.firstTime('activity-1')).toBe(false);
    expect(await k.firstTime('other-4999')).toBe(false);
    now.t = 15_000;
    expect(await k.firstTime('activity-1')).toBe(true);
    await k.pruneIfDue();
    expect(await k.firstTime('other-4999')).toBe(false);
  });

  it('writes nothing to a store one instance uses, and remembers in this process', async () => {
    const store = new MemoryStore();
    const k = options(store);
    expect(await k.firstTime('activity-1')).toBe(true);
    expect(await k.firstTime('activity-1')).toBe(false);
    expect(await store.list('per-turn/')).toEqual([]);
  });

  it('writes to a store several instances share, so another instance sees the key', async () => {
    const store = Object.assign(new MemoryStore(), { sharedByInstances: true });
    expect(await options(store).firstTime('activity-1')).toBe(true);
    expect(await options(store).firstTime('activity-1')).toBe(false);
    expect((await store.list('per-turn/')).map((i) => i.key)).toEqual(['per-turn/activity-1']);
  });
});
