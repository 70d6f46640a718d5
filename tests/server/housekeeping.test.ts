import { afterEach, describe, expect, it } from 'vitest';
import { runKey, type RunRecord } from '../../src/core/checklists/run.js';
import { openLowdbStore } from '../../src/core/store/lowdb-store.js';
import { MemoryStore } from '../../src/core/store/memory-store.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

function run(runId: string, expiresAt: Date): RunRecord {
  const at = new Date(expiresAt.getTime() - 30 * 24 * 60 * 60 * 1000).toISOString();
  return {
    v: 1,
    runId,
    checklistId: 'referral',
    status: 'active',
    revision: 1,
    startedAt: at,
    updatedAt: at,
    expiresAt: expiresAt.toISOString(),
    path: ['immediate-danger'],
    answers: {},
    milestones: {},
  };
}

describe('server housekeeping', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it('deletes expired checklist runs and old question examples once started, and keeps live runs', async () => {
    const store = new MemoryStore();
    const day = 24 * 60 * 60 * 1000;
    await store.put(runKey('teams:old-user', 'expired'), run('expired', new Date(Date.now() - day)));
    await store.put(runKey('teams:new-user', 'live'), run('live', new Date(Date.now() + day)));
    const oldExample = 'question-log/2020-01-06/old-example';
    await store.put(oldExample, { v: 1, kind: 'signposted', text: 'an old question', terms: ['old'] });
    server = await startServer({}, { store });
    await expect.poll(() => store.get(runKey('teams:old-user', 'expired'))).toBeUndefined();
    // Question examples past QUESTION_LOG_DAYS go in the same sweep, with no question asked.
    await expect.poll(() => store.get(oldExample)).toBeUndefined();
    expect(await store.get(runKey('teams:new-user', 'live'))).toBeDefined();
    expect(
      server.logs().some((l) => l.msg === 'housekeeping: expired checklist runs deleted' && l.deleted === 1),
    ).toBe(true);
  });

  it('deletes the teams-ai turn state older versions stored, and nothing else', async () => {
    const store = new MemoryStore();
    await store.put('botstate/msteams/28:bot/users/29:someone', { eTag: 'x' });
    await store.put('botstate/msteams/28:bot/conversations/a:chat', { topic: 'old' });
    await store.put('conversation/teams/19:channel', { v: 1 });
    server = await startServer({}, { store });
    await expect.poll(() => store.list('botstate/')).toEqual([]);
    expect(await store.get('conversation/teams/19:channel')).toBeDefined();
    expect(server.logs().some((l) => l.retiredItems === 2)).toBe(true);
  });

  it('keeps redacted question examples only as long as QUESTION_LOG_DAYS says (0: none, counts only)', async () => {
    for (const [days, examples] of [
      ['0', 0],
      ['30', 1],
    ] as const) {
      server = await startServer({ QUESTION_LOG_DAYS: days });
      const actor = { userId: 'u1', channel: 'teams' as const, isAdmin: false };
      const reply = await server.guide.handle('recipe for a chocolate cake', actor, {
        conversationId: 'c1',
        kind: 'personal',
      });
      expect(reply.meta.answered).toBe(false);
      await server.close(); // flushes what the server counted
      const store = await openLowdbStore(server.dataDir, { readOnly: true });
      expect(await store.list('question-log/'), `QUESTION_LOG_DAYS=${days}`).toHaveLength(examples);
      expect(await store.list('question-counts/')).toHaveLength(1);
      await server.stop();
      server = undefined;
    }
  });

  it('removes display names from conversation references stored by older versions, keeping the ids', async () => {
    const store = new MemoryStore();
    const reference = {
      channelId: 'msteams',
      serviceUrl: 'https://smba.trafficmanager.net/uk/',
      user: { id: '29:u', name: 'Ottoline Brackenbury', aadObjectId: '00000000-0000-0000-0000-0000000000c1' },
      bot: { id: '28:bot', name: 'Safeguarding Guide' },
      conversation: { id: '19:c@thread.tacv2', name: 'Pemberton planning', conversationType: 'channel' },
    };
    await store.put('conversation/teams:19:c@thread.tacv2', {
      channelKey: 'teams:19:c@thread.tacv2',
      reference,
    });
    await store.put('subscription/teams:19:c@thread.tacv2', {
      channelKey: 'teams:19:c@thread.tacv2',
      reference,
    });
    server = await startServer({}, { store });
    await expect
      .poll(async () =>
        JSON.stringify([await store.list('conversation/'), await store.list('subscription/')]),
      )
      .not.toMatch(/Ottoline|Pemberton|"name"/);
    const kept = (await store.get<{ reference: typeof reference }>('subscription/teams:19:c@thread.tacv2'))
      ?.value;
    expect(kept?.reference).toEqual({
      channelId: 'msteams',
      serviceUrl: 'https://smba.trafficmanager.net/uk/',
      user: { id: '29:u', aadObjectId: '00000000-0000-0000-0000-0000000000c1' },
      bot: { id: '28:bot' },
      conversation: { id: '19:c@thread.tacv2', conversationType: 'channel' },
    });
    expect(
      server
        .logs()
        .some(
          (l) =>
            l.msg === 'housekeeping: display names removed from stored references' &&
            l.scrubbedReferences === 2,
        ),
    ).toBe(true);
  });
});
