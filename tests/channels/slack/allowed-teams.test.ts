import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_SET_UP_FOR_YOUR_ORGANISATION } from '../../../src/core/organisations.js';
import type { Store } from '../../../src/core/store/store.js';
import { dm, eventEnvelope } from '../../helpers/slack-events.js';
import { formBody, postSigned } from '../../helpers/slack-signing.js';
import { SECRET, startSlackWorld, stopSlackWorld, type SlackWorld } from './slack-world.js';

let world: SlackWorld;
beforeAll(async () => {
  world = await startSlackWorld({ ALLOWED_SLACK_TEAMS: 'T0001' });
});
afterAll(() => stopSlackWorld(world));

const sendJson = (body: unknown) =>
  postSigned(world.url, JSON.stringify(body), { secret: SECRET, contentType: 'application/json' });
const sendForm = (fields: Record<string, string>) =>
  postSigned(world.url, formBody(fields), {
    secret: SECRET,
    contentType: 'application/x-www-form-urlencoded',
  });

async function storeDump(store: Store): Promise<string> {
  return JSON.stringify((await store.list<unknown>('')).map((i) => [i.key, i.value]));
}

describe('Slack: ALLOWED_SLACK_TEAMS over real HTTP', () => {
  it('a workspace (or a Slack Connect guest) not listed gets one refusal, and nothing of it is stored', async () => {
    const { fake, server } = world;
    const before = await storeDump(server.store);

    // A DM from another workspace, a mention by another organisation's person in a shared channel,
    // a slash command and a button click from another workspace.
    const refusedDm = { ...dm('UREFUSED1', 'what is harmful sexual behaviour?'), team_id: 'T0BAD' };
    const guestMention = eventEnvelope({
      type: 'app_mention',
      channel: 'CSHARED9',
      user: 'UREFUSED2',
      user_team: 'T0OTHER',
      text: '<@UBOT0001> what is the Under 10 Protocol?',
      ts: '1700000999.0001',
    });
    expect((await sendJson(refusedDm)).status).toBe(200);
    expect((await sendJson(guestMention)).status).toBe(200);
    const command = await sendForm({
      command: '/safeguarding',
      text: 'digest subscribe',
      user_id: 'UREFUSED3',
      channel_id: 'CREFUSED3',
      channel_name: 'safeguarding',
      team_id: 'T0BAD',
      response_url: fake.responseUrl('refused-command'),
      trigger_id: 'trig-refused',
    });
    expect(command.status).toBe(200);
    expect(JSON.parse(command.text)).toEqual({
      response_type: 'ephemeral',
      text: NOT_SET_UP_FOR_YOUR_ORGANISATION,
    });
    const click = await sendForm({
      payload: JSON.stringify({
        type: 'block_actions',
        team: { id: 'T0BAD' },
        user: { id: 'UREFUSED4', team_id: 'T0BAD' },
        api_app_id: 'A0001',
        container: { type: 'message', channel_id: 'CREFUSED4', message_ts: '1.2' },
        channel: { id: 'CREFUSED4' },
        response_url: fake.responseUrl('refused-click'),
        actions: [
          {
            type: 'button',
            action_id: 'sg_fb_up',
            block_id: 'b1',
            value: '{"replyId":"abcd1234","itemIds":[]}',
            action_ts: '1',
          },
        ],
      }),
    });
    expect(click.status).toBe(200);

    const ephemeral = await fake.waitFor('chat.postEphemeral', 2);
    expect(ephemeral.map((c) => [c.args.channel, c.args.user, c.args.text])).toEqual(
      expect.arrayContaining([
        ['DUREFUSED1', 'UREFUSED1', NOT_SET_UP_FOR_YOUR_ORGANISATION],
        ['CSHARED9', 'UREFUSED2', NOT_SET_UP_FOR_YOUR_ORGANISATION],
      ]),
    );
    const [responded] = await fake.waitFor('response_url');
    expect(responded?.args).toMatchObject({ id: 'refused-click', text: NOT_SET_UP_FOR_YOUR_ORGANISATION });

    // A listed workspace is answered as before.
    const served = dm('USERVED1', 'what is harmful sexual behaviour?');
    expect((await sendJson(served)).status).toBe(200);
    await fake.waitFor('chat.postMessage', 2); // the welcome, then the answer
    expect(
      fake.calls.filter((c) => c.method === 'chat.postMessage').every((c) => c.args.channel === 'DUSERVED1'),
    ).toBe(true);

    // Counts are flushed on close; the served turn's traces are there, none of the refused ones.
    await server.guide.close();
    const after = await storeDump(server.store);
    expect(after).not.toEqual(before);
    expect(after).toContain(`slack-event/${served.event_id}`);
    expect(after).not.toContain('feedback/');
    for (const trace of [
      'REFUSED',
      refusedDm.event_id,
      guestMention.event_id,
      'CSHARED9',
      'T0BAD',
      'T0OTHER',
    ])
      expect(after).not.toContain(trace);
    const counts = (await server.store.list<Record<string, number>>('question-counts/')).map((i) => i.value);
    expect(counts.reduce((n, c) => n + Object.values(c).reduce((a, b) => a + b, 0), 0)).toBe(1);
  });
});
