import { TurnState } from '@microsoft/teams-ai';
import { MemoryStorage, TestAdapter, TurnContext, type Storage } from 'botbuilder';
import { beforeEach, describe, expect, it } from 'vitest';
import { ConflictError } from '../../../src/core/errors.js';
import { BOT_STATE_PREFIX, BotStorage } from '../../../src/channels/teams/bot-storage.js';
import { MemoryStore } from '../../../src/core/store/memory-store.js';

/** A turn of one Teams conversation, with teams-ai's own TurnState doing the load and save. */
type Scope = Record<string, unknown>;
type State = TurnState<Scope, Scope>;

async function loadTurn(storage: Storage): Promise<{ state: State; context: TurnContext }> {
  const context = new TurnContext(new TestAdapter(), {
    type: 'message',
    channelId: 'msteams',
    recipient: { id: '28:bot', name: 'bot' },
    from: { id: '29:user', name: 'user' },
    conversation: { id: '19:chat@thread.v2', isGroup: false, conversationType: 'personal', name: '' },
    text: 'hello',
  });
  const state: State = new TurnState<Scope, Scope>();
  await state.load(context, storage);
  return { state, context };
}

/** An earlier turn, so the conversation already has stored state (and an eTag). */
async function seedConversation(
  storage: Storage,
  values: Record<string, unknown> = { started: true },
): Promise<void> {
  const turn = await loadTurn(storage);
  Object.assign(turn.state.conversation, values);
  await turn.state.save(turn.context, storage);
}

function withoutETag(state: Record<string, unknown>): Record<string, unknown> {
  const { eTag: _eTag, ...rest } = state;
  return rest;
}

describe('BotStorage', () => {
  let store: MemoryStore;
  let storage: BotStorage;
  beforeEach(() => {
    store = new MemoryStore();
    storage = new BotStorage(store);
  });

  it('reads, writes and deletes items under the botstate/ namespace', async () => {
    await storage.write({ 'a/conversations/1': { step: 1 }, 'a/users/u': { seen: true } });
    const items = await storage.read(['a/conversations/1', 'a/users/u', 'missing']);
    expect(Object.keys(items).sort()).toEqual(['a/conversations/1', 'a/users/u']);
    expect(await storage.read(['a/conversations/2'])).toEqual({ 'a/conversations/2': { eTag: 'new' } });
    expect(items['a/conversations/1']).toEqual({ step: 1, eTag: expect.any(String) });
    expect((await store.list(BOT_STATE_PREFIX)).map((i) => i.key)).toEqual([
      'botstate/a/conversations/1',
      'botstate/a/users/u',
    ]);
    expect((await store.get('botstate/a/conversations/1'))?.value).toEqual({ step: 1 }); // eTag not stored in value
    await storage.delete(['a/conversations/1']);
    expect(await store.get('botstate/a/conversations/1')).toBeUndefined();
  });

  it('writes with a current eTag, and with eTag "*" or none unconditionally', async () => {
    await storage.write({ 'x/users/u': { n: 1 } });
    const { 'x/users/u': read } = await storage.read(['x/users/u']);
    await storage.write({ 'x/users/u': { ...read, n: 2 } });
    await storage.write({ 'x/users/u': { n: 3, eTag: '*' } });
    expect((await storage.read(['x/users/u']))['x/users/u']).toMatchObject({ n: 3 });
  });

  it('control: botbuilder MemoryStorage fails the second of two quick teams-ai turns (issue 2540)', async () => {
    const memory = new MemoryStorage();
    await seedConversation(memory);
    const first = await loadTurn(memory);
    const second = await loadTurn(memory);
    first.state.conversation.a = 1;
    second.state.conversation.b = 2;
    await first.state.save(first.context, memory);
    await expect(second.state.save(second.context, memory)).rejects.toThrow(/eTag conflict/);
  });

  it('never fails two quick teams-ai turns, and keeps both turns’ changes', async () => {
    await seedConversation(storage);
    const first = await loadTurn(storage);
    const second = await loadTurn(storage);
    first.state.conversation.a = 1;
    second.state.conversation.b = 2;
    await first.state.save(first.context, storage);
    await second.state.save(second.context, storage);
    const third = await loadTurn(storage);
    expect(third.state.conversation).toMatchObject({ a: 1, b: 2 });
  });

  it('keeps both turns’ changes when the first two turns of a new conversation race', async () => {
    const first = await loadTurn(storage);
    const second = await loadTurn(storage);
    first.state.conversation.a = 1;
    second.state.conversation.b = 2;
    await first.state.save(first.context, storage);
    await second.state.save(second.context, storage);
    expect(withoutETag((await loadTurn(storage)).state.conversation)).toEqual({ a: 1, b: 2 });
  });

  it('still replaces a scope that a turn reset (deleteConversationState, then new values)', async () => {
    await seedConversation(storage, { old: 'value' });
    const turn = await loadTurn(storage);
    turn.state.deleteConversationState();
    turn.state.conversation.fresh = true;
    await turn.state.save(turn.context, storage);
    expect(withoutETag((await loadTurn(storage)).state.conversation)).toEqual({ fresh: true });
  });

  it('lets the last writer win a property both turns changed', async () => {
    await seedConversation(storage);
    const first = await loadTurn(storage);
    const second = await loadTurn(storage);
    first.state.conversation.topic = 'first';
    second.state.conversation.topic = 'second';
    await first.state.save(first.context, storage);
    await second.state.save(second.context, storage);
    expect((await loadTurn(storage)).state.conversation.topic).toBe('second');
  });

  it('keeps a deletion, and a nested change, made by a stale turn', async () => {
    await seedConversation(storage, { draft: 'x', history: ['one'] });

    const first = await loadTurn(storage);
    const second = await loadTurn(storage);
    first.state.conversation.other = true;
    delete second.state.conversation.draft;
    (second.state.conversation.history as string[]).push('two');
    await first.state.save(first.context, storage);
    await second.state.save(second.context, storage);
    expect(withoutETag((await loadTurn(storage)).state.conversation)).toEqual({
      other: true,
      history: ['one', 'two'],
    });
  });

  it('keeps the other turn’s properties when the base is unknown (read by another instance)', async () => {
    await seedConversation(storage);
    await (async () => {
      const t = await loadTurn(storage);
      t.state.user.seen = 1;
      await t.state.save(t.context, storage);
    })();
    const otherInstance = new BotStorage(store);
    const stale = await loadTurn(otherInstance);
    const fresh = await loadTurn(storage);
    fresh.state.user.a = 'fresh';
    await fresh.state.save(fresh.context, storage);
    stale.state.user.b = 'stale';
    await stale.state.save(stale.context, new BotStorage(store)); // a third instance: no base at all
    expect((await loadTurn(storage)).state.user).toMatchObject({ a: 'fresh', b: 'stale' });
  });

  it('merges many simultaneous stale turns without losing one', async () => {
    for (const existing of [false, true]) {
      const local = new BotStorage(new MemoryStore());
      if (existing) await seedConversation(local, {});
      const turns = await Promise.all(Array.from({ length: 20 }, () => loadTurn(local)));
      turns.forEach((t, i) => (t.state.conversation[`p${i}`] = i));
      await Promise.all(turns.map((t) => t.state.save(t.context, local)));
      expect(Object.keys(withoutETag((await loadTurn(local)).state.conversation))).toHaveLength(20);
    }
  });

  it('keeps strict eTags for keys outside the conversation and user scopes', async () => {
    await storage.write({ 'dialogs/d1': { n: 1 } });
    const { 'dialogs/d1': read } = await storage.read(['dialogs/d1']);
    await storage.write({ 'dialogs/d1': { ...read, n: 2 } });
    await expect(storage.write({ 'dialogs/d1': { ...read, n: 3 } })).rejects.toBeInstanceOf(ConflictError);
    expect((await store.get(`${BOT_STATE_PREFIX}dialogs/d1`))?.value).toEqual({ n: 2 });
  });

  it('is only a view of botstate/: domain records keep their strict eTags', async () => {
    const eTag = await store.put('checklist/u1/r1', { answers: ['a'] });
    await store.put('checklist/u1/r1', { answers: ['a', 'b'] }, { ifMatch: eTag });
    await expect(
      store.put('checklist/u1/r1', { answers: ['stale'] }, { ifMatch: eTag }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await storage.read(['checklist/u1/r1'])).toEqual({});
  });
});
