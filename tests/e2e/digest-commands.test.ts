import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelKeyFor } from '../../src/core/digests/subscriptions.js';
import { BOT, cardOf, membersAdded, message, post, USER } from '../channels/teams/activities.js';
import type { TestServer } from '../helpers/start-server.js';
import {
  SLACK_CHANNEL,
  slackCommand,
  startSubscribingServer,
  startWorld,
  TEAMS_CHANNEL,
  TEAMS_CONV,
  teamsSays,
  type World,
} from './digest-harness.js';

/** Digest chat commands over the real server: who may use them, and who sees a preview. */
const NON_ADMIN = {
  id: '29:user-2',
  name: 'Another Practitioner',
  aadObjectId: '00000000-0000-0000-0000-0000000000b2',
};

let world: World;
let server: TestServer;

beforeAll(async () => {
  world = await startWorld();
  server = await startSubscribingServer(world);
});

afterAll(async () => {
  await server.stop();
  await world.close();
});

describe('digest commands over HTTP', { timeout: 60_000 }, () => {
  it('Teams: the bot added to a channel remembers where it can post', async () => {
    const res = await post(
      server.url,
      membersAdded({
        serviceUrl: world.capture.url,
        conv: { ...TEAMS_CONV, id: TEAMS_CHANNEL },
        members: [{ id: BOT.id }],
      }),
    );
    expect(res.status).toBe(200);
    const remembered = await server.guide.digests.rememberedConversation(
      channelKeyFor('teams', TEAMS_CHANNEL),
    );
    expect(remembered?.reference).toMatchObject({
      serviceUrl: world.capture.url,
      conversation: { id: TEAMS_CHANNEL },
    });
    expect(remembered?.reference).not.toHaveProperty('activityId');
  });

  it('non-admins are refused in Teams and Slack, and nothing is subscribed', async () => {
    expect(await teamsSays(server, world, 'digest subscribe', NON_ADMIN)).toContain(
      'Only partnership admins can manage digests',
    );
    const slack = await slackCommand(server, world, 'digest subscribe monday 09:00', 'UNOTADMIN');
    expect(JSON.stringify(slack)).toContain('Only partnership admins can manage digests');
    expect(await server.guide.digests.status()).toEqual([]);
  });

  it('Teams: a preview in a channel goes to the admin alone, in a 1:1 chat', async () => {
    const before = world.capture.captured.length;
    const res = await post(
      server.url,
      message({ serviceUrl: world.capture.url, conv: TEAMS_CONV, text: 'digest preview', mention: true }),
    );
    expect(res.status).toBe(200);
    const sent = (await world.capture.waitFor(before + 2)).slice(before);
    const [created] = world.capture.created;
    expect(created?.parameters).toMatchObject({ isGroup: false, members: [{ id: USER.id }] });
    const privately = sent.filter((c) => c.conversationId === created!.id);
    expect(privately).toHaveLength(1);
    expect(JSON.stringify(cardOf(privately[0]!.activity))).toContain('Weekly learning');
    // The thread only hears that the preview was sent privately: no digest content reaches the channel.
    const inChannel = sent.filter((c) => c.conversationId === TEAMS_CONV.id);
    expect(inChannel).toHaveLength(1);
    expect(String(inChannel[0]!.activity.text)).toContain('only you can see it');
    const toChannel = world.capture.captured.filter((c) => c.conversationId.startsWith(TEAMS_CHANNEL));
    expect(toChannel.every((c) => !JSON.stringify(c.activity).includes('Weekly learning'))).toBe(true);
  });

  it('Slack: a preview is ephemeral (only the admin sees it); a non-admin gets a refusal', async () => {
    const preview = await slackCommand(server, world, 'digest preview');
    expect(preview.response_type).toBe('ephemeral');
    expect(JSON.stringify(preview)).toContain('Weekly learning');
    const refused = await slackCommand(server, world, 'digest preview', 'UNOTADMIN');
    expect(JSON.stringify(refused)).not.toContain('Weekly learning');
    expect(JSON.stringify(refused)).toContain('Only partnership admins');
    expect(world.slack.postsTo(SLACK_CHANNEL)).toEqual([]);
  });

  it('Slack: the admin subscribes the channel with its own reference', async () => {
    const reply = await slackCommand(server, world, 'digest subscribe friday 10:30');
    expect(JSON.stringify(reply)).toContain('Digest subscribed');
    const sub = await server.guide.digests.subscription(channelKeyFor('slack', SLACK_CHANNEL));
    expect(sub).toMatchObject({
      platform: 'slack',
      reference: { channel: SLACK_CHANNEL },
      schedule: { day: 'friday', time: '10:30' },
    });
  });
});
