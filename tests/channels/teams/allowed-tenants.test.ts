import { describe, expect, it } from 'vitest';
import { NOT_SET_UP_FOR_YOUR_ORGANISATION } from '../../../src/core/organisations.js';
import type { Store } from '../../../src/core/store/store.js';
import { startCaptureServer } from '../../helpers/capture-server.js';
import { startServer } from '../../helpers/start-server.js';
import {
  conversation,
  installationUpdate,
  invoke,
  message,
  post,
  SERVED_TENANT,
  submit,
  UNSERVED_TENANT,
  USER,
} from './activities.js';

type Json = Record<string, unknown>;

/** Every key and value in the store, as one sorted text (what an IT security review would scan). */
async function storeDump(store: Store): Promise<string> {
  const items = await store.list<unknown>('');
  return JSON.stringify(items.map((i) => [i.key, i.value]));
}

/**
 * The same turns a practitioner and an admin make on first use: the install, a question in a chat,
 * a channel digest subscription, a checklist, a feedback click, a card action and a search.
 */
async function firstUse(url: string, serviceUrl: string, tenantId: string) {
  const channel: Json = { ...conversation('channel'), tenantId };
  const personal: Json = { ...conversation('personal'), tenantId };
  const base = { serviceUrl, from: USER };
  const messages = [
    installationUpdate({ ...base, conv: channel, action: 'add' }),
    message({ ...base, conv: channel, text: 'What is the Under 10 Protocol?', mention: true }),
    message({ ...base, conv: channel, text: 'digest subscribe', mention: true }),
    message({ ...base, conv: personal, text: 'recipe for chocolate cake' }),
    message({ ...base, conv: personal, text: 'checklist referral' }),
    submit({
      ...base,
      conv: personal,
      value: { verb: 'feedback', replyId: 'abcd1234', itemIds: [], helpful: true },
    }),
  ];
  for (const activity of messages) expect((await post(url, activity)).status).toBe(200);
  const action = await post(
    url,
    invoke({
      ...base,
      conv: personal,
      name: 'adaptiveCard/action',
      value: {
        action: {
          type: 'Action.Execute',
          verb: 'feedback',
          data: { replyId: 'abcd1235', itemIds: [], helpful: false },
        },
      },
    }),
  );
  const search = await post(
    url,
    invoke({
      ...base,
      conv: personal,
      name: 'composeExtension/query',
      value: { commandId: 'searchGuidance', parameters: [{ name: 'query', value: 'Under 10' }] },
    }),
  );
  return {
    channel: channel.id as string,
    personal: personal.id as string,
    action: { status: action.status, body: (await action.json()) as Json },
    search: { status: search.status, body: (await search.json()) as Json },
  };
}

describe('Teams: ALLOWED_TENANTS over real HTTP', () => {
  it('a tenant not listed gets one refusal per turn, and the store holds nothing of it, counts included', async () => {
    const cap = await startCaptureServer();
    const s = await startServer({ ALLOWED_TENANTS: SERVED_TENANT, ADMIN_USERS: USER.aadObjectId });
    try {
      const before = await storeDump(s.store);
      const turns = await firstUse(s.url, cap.url, UNSERVED_TENANT);
      // The install and the five messages: one refusal each, nothing else.
      expect(cap.captured.map((c) => c.activity.text)).toEqual(
        Array(6).fill(NOT_SET_UP_FOR_YOUR_ORGANISATION),
      );
      expect(turns.action).toEqual({
        status: 200,
        body: {
          statusCode: 200,
          type: 'application/vnd.microsoft.activity.message',
          value: NOT_SET_UP_FOR_YOUR_ORGANISATION,
        },
      });
      expect(turns.search).toEqual({
        status: 200,
        body: { composeExtension: { type: 'message', text: NOT_SET_UP_FOR_YOUR_ORGANISATION } },
      });
      // Counts are flushed on close: still nothing.
      await s.guide.close();
      const after = await storeDump(s.store);
      expect(after).toEqual(before);
      for (const id of [turns.channel, turns.personal, USER.aadObjectId, 'abcd1234'])
        expect(after).not.toContain(id);
      const logs = s.logs().filter((l) => l.msg === 'teams: turn from a tenant not served, refused');
      expect(logs).toHaveLength(8);
      expect(logs.every((l) => l.tenant === UNSERVED_TENANT)).toBe(true);
    } finally {
      await s.stop();
      await cap.close();
    }
  });

  it('the listed tenant, case aside, is served as before: the same turns are answered and stored', async () => {
    const cap = await startCaptureServer();
    const s = await startServer({
      ALLOWED_TENANTS: SERVED_TENANT.toUpperCase(),
      ADMIN_USERS: USER.aadObjectId,
    });
    try {
      const before = await storeDump(s.store);
      const turns = await firstUse(s.url, cap.url, SERVED_TENANT);
      expect(cap.captured.length).toBeGreaterThan(0);
      expect(cap.captured.some((c) => c.activity.text === NOT_SET_UP_FOR_YOUR_ORGANISATION)).toBe(false);
      expect((turns.search.body.composeExtension as Json).type).toBe('result');
      await s.guide.close();
      const after = await storeDump(s.store);
      expect(after).not.toEqual(before);
      expect(after).toContain(turns.channel.split(';')[0]);
      expect(after).toContain('"feedback/abcd1234"');
    } finally {
      await s.stop();
      await cap.close();
    }
  });
});
