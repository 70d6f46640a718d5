import { describe, expect, it } from 'vitest';
import { listSubscriptions } from '../../../src/core/digests/subscriptions.js';
import { periodOf } from '../../../src/core/digests/schedule.js';
import { serverWithConnector } from '../../helpers/server-with-connector.js';
import { cardOf, conversation, message, post, USER } from './activities.js';
import { texts } from './card-checks.js';

const world = serverWithConnector({ ADMIN_USERS: USER.aadObjectId });

async function say(conv: Record<string, unknown>, text: string): Promise<string[]> {
  const before = world.cap.for(conv.id as string).length;
  const res = await post(
    world.s.url,
    message({ serviceUrl: world.cap.url, conv, text, mention: conv.isGroup === true }),
  );
  expect(res.status).toBe(200);
  const reply = world.cap.for(conv.id as string)[before]?.activity;
  return reply ? [...texts(cardOf(reply)), String(reply.text ?? '')] : [];
}

describe('the admin report with malformed records in the store', () => {
  it('skips each bad record, counts it, and still reports the rest', async () => {
    const channel = conversation('channel');
    await say(channel, 'digest subscribe');
    const [sub] = await listSubscriptions(world.s.store);
    expect(sub).toBeDefined();
    const today = new Date().toISOString().slice(0, 10);
    const period = periodOf(new Date(), 'Europe/London');
    // One valid feedback record beside the bad ones: it must still be counted.
    await world.s.store.put('feedback/good0001', {
      itemIds: [],
      helpful: true,
      at: new Date().toISOString(),
    });
    for (const key of [
      'feedback/bad00001',
      `question-log/${today}/bad`,
      `question-counts/${today}`,
      'checklist-stats/bad-run',
      `digest-ledger/${sub?.channelKey}/${period}`,
    ])
      await world.s.store.put(key, null);
    await world.s.store.put('checklist-stats/odd-run', { v: 1, checklistId: 7 });

    const lines = await say(conversation('personal'), 'report');
    const all = lines.join('\n');
    expect(all).toContain('Partnership report');
    expect(all).toContain('Feedback (1 responses)');
    expect(all).toMatch(/6 stored record\(s\) could not be read and were left out of this report/);
    expect(all).toMatch(/2 under checklist-stats\//);
    expect(world.s.logs().filter((l) => l.msg === 'teams: turn failed')).toEqual([]);

    // The digest scheduler reads the same ledger: the channel is still shown.
    expect(all).toContain(sub?.channelKey);
  });
});
