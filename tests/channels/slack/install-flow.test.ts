import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NOT_SET_UP_FOR_YOUR_ORGANISATION } from '../../../src/core/organisations.js';
import { SLACK_BOT_SCOPES } from '../../../src/config.js';
import type { FakeWorkspace } from '../../helpers/fake-slack-api.js';
import { dm, eventEnvelope } from '../../helpers/slack-events.js';
import { formBody, postSigned } from '../../helpers/slack-signing.js';
import { nextDue } from '../../../src/core/digests/schedule.js';
import { channelKeyFor } from '../../../src/core/digests/subscriptions.js';
import { SECRET, startSlackWorld, stopSlackWorld, type SlackWorld } from './slack-world.js';

const OAUTH = {
  SLACK_BOT_TOKEN: '', // no single-workspace token: each workspace installs
  SLACK_CLIENT_ID: '1111.2222',
  SLACK_CLIENT_SECRET: 'client-secret-for-tests',
  SLACK_STATE_SECRET: 'state-secret-for-tests-0123456789abcdef',
  ALLOWED_SLACK_TEAMS: 'TAAA1,TBBB2',
  ADMIN_USERS: 'UADMINA,UADMINB',
  DIGEST_SCHEDULER: 'off', // the test sends due digests itself, on its own clock
};
let now = Date.now();
const A: FakeWorkspace = {
  code: 'code-a',
  teamId: 'TAAA1',
  token: 'xoxb-aaa',
  botUserId: 'UBOTA',
  botId: 'BBOTA',
};
const B: FakeWorkspace = {
  code: 'code-b',
  teamId: 'TBBB2',
  token: 'xoxb-bbb',
  botUserId: 'UBOTB',
  botId: 'BBOTB',
};
const C: FakeWorkspace = {
  code: 'code-c',
  teamId: 'TCCC3',
  token: 'xoxb-ccc',
  botUserId: 'UBOTC',
  botId: 'BBOTC',
};

let world: SlackWorld;
beforeAll(async () => {
  world = await startSlackWorld(OAUTH, { clock: () => new Date(now) });
  for (const w of [A, B, C]) world.fake.workspace(w);
});
afterAll(() => stopSlackWorld(world));
beforeEach(() => world.fake.reset());

/** What a browser does: open /slack/install, follow "Add to Slack" (Slack sends it back with a code). */
async function install(code: string, tamper: { state?: string; cookie?: string } = {}) {
  const page = await fetch(`${world.server.url}/slack/install`, { redirect: 'manual' });
  expect(page.status).toBe(200);
  const href =
    /id="add-to-slack" href="([^"]+)"/.exec(await page.text())?.[1]?.replaceAll('&amp;', '&') ?? '';
  const authorize = new URL(href);
  const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const state = authorize.searchParams.get('state') ?? '';
  const back = await fetch(
    `${world.server.url}/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(tamper.state ?? state)}`,
    { headers: { cookie: tamper.cookie ?? cookie }, redirect: 'manual' },
  );
  return { authorize, cookie, status: back.status, page: await back.text() };
}

const event = (body: unknown) =>
  postSigned(world.url, JSON.stringify(body), { secret: SECRET, contentType: 'application/json' });
const installationKeys = async () => (await world.server.store.list('slack-installation/')).map((i) => i.key);

describe('Slack install flow (OAuth) against a local fake Slack OAuth endpoint', () => {
  it('the install page links to Slack with our client id, scopes and a state tied to the browser', async () => {
    const page = await fetch(`${world.server.url}/slack/install`);
    const href =
      /id="add-to-slack" href="([^"]+)"/.exec(await page.text())?.[1]?.replaceAll('&amp;', '&') ?? '';
    const url = new URL(href);
    expect(`${url.origin}${url.pathname}`).toBe('https://slack.com/oauth/v2/authorize');
    expect(url.searchParams.get('client_id')).toBe(OAUTH.SLACK_CLIENT_ID);
    expect(url.searchParams.get('scope')?.split(',')).toEqual([...SLACK_BOT_SCOPES]);
    const state = url.searchParams.get('state') ?? '';
    expect(state.length).toBeGreaterThan(20);
    expect(page.headers.get('set-cookie')).toMatch(new RegExp(`^slack-app-oauth-state=${state};.*HttpOnly`));
  });

  it('two workspaces install; each one’s events are answered with its own token', async () => {
    for (const w of [A, B]) {
      const done = await install(w.code);
      expect(done.status).toBe(200);
    }
    const exchanges = world.fake.callsTo('oauth.v2.access');
    expect(exchanges.map((c) => [c.args.code, c.args.client_id])).toEqual([
      ['code-a', OAUTH.SLACK_CLIENT_ID],
      ['code-b', OAUTH.SLACK_CLIENT_ID],
    ]);
    expect(await installationKeys()).toEqual([
      'slack-installation/team/TAAA1',
      'slack-installation/team/TBBB2',
    ]);
    const stored = await world.server.store.get<Record<string, unknown>>('slack-installation/team/TAAA1');
    // Ids and the bot token only: no workspace name, no user token.
    expect(JSON.stringify(stored?.value)).not.toContain('Workspace TAAA1');
    expect(stored?.value).toMatchObject({
      teamId: 'TAAA1',
      installedBy: 'UINSTALLER',
      bot: { token: 'xoxb-aaa', userId: 'UBOTA', id: 'BBOTA' },
    });

    world.fake.reset();
    expect((await event({ ...dm('UA1', 'help'), team_id: 'TAAA1' })).status).toBe(200);
    expect((await event({ ...dm('UB1', 'help'), team_id: 'TBBB2' })).status).toBe(200);
    const posts = await world.fake.waitFor('chat.postMessage', 4); // welcome and help, in each
    const tokenFor = (channel: string) =>
      new Set(posts.filter((p) => p.args.channel === channel).map((p) => p.token));
    expect(tokenFor('DUA1')).toEqual(new Set(['xoxb-aaa']));
    expect(tokenFor('DUB1')).toEqual(new Set(['xoxb-bbb']));
  });

  it('each workspace’s admin subscribes a channel; its digest is posted with that workspace’s token', async () => {
    for (const [team, admin, channel] of [
      ['TAAA1', 'UADMINA', 'CDIGESTA'],
      ['TBBB2', 'UADMINB', 'CDIGESTB'],
    ] as const) {
      const res = await postSigned(
        world.url,
        formBody({
          command: '/safeguarding',
          text: 'digest subscribe',
          user_id: admin,
          channel_id: channel,
          channel_name: 'safeguarding-leads',
          team_id: team,
          response_url: world.fake.responseUrl(channel),
          trigger_id: `trig-${channel}`,
        }),
        { secret: SECRET, contentType: 'application/x-www-form-urlencoded' },
      );
      expect(res.status).toBe(200);
    }
    await world.fake.waitFor('response_url', 2);
    const subs = await Promise.all(
      ['CDIGESTA', 'CDIGESTB'].map((c) => world.server.guide.digests.subscription(channelKeyFor('slack', c))),
    );
    expect(subs.map((s) => s?.reference)).toEqual([
      { channel: 'CDIGESTA', team: 'TAAA1' },
      { channel: 'CDIGESTB', team: 'TBBB2' },
    ]);
    world.fake.reset();
    const schedule = subs[0]?.schedule;
    if (!schedule) throw new Error('no subscription');
    now = nextDue(schedule, new Date(now)).at.getTime() + 60_000;
    const report = await world.server.guide.digests.sendDue();
    expect(report.results.map((r) => r.outcome)).toEqual(['sent', 'sent']);
    const posts = world.fake.callsTo('chat.postMessage');
    expect(posts.map((p) => [p.args.channel, p.token]).sort()).toEqual([
      ['CDIGESTA', 'xoxb-aaa'],
      ['CDIGESTB', 'xoxb-bbb'],
    ]);
  });

  it('a workspace not in ALLOWED_SLACK_TEAMS is refused at the end of the flow: token revoked, nothing kept', async () => {
    const before = await installationKeys();
    const done = await install(C.code);
    expect(done.status).toBe(403);
    expect(done.page).toContain(NOT_SET_UP_FOR_YOUR_ORGANISATION);
    expect(world.fake.callsTo('auth.revoke').map((c) => c.token)).toEqual(['xoxb-ccc']);
    expect(await installationKeys()).toEqual(before);
    // Its events find no installation: not answered, and nothing of them stored.
    const stray = { ...dm('UC1', 'help'), team_id: 'TCCC3' };
    expect((await event(stray)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect(world.fake.callsTo('chat.postMessage')).toEqual([]);
    expect(await world.server.store.get(`slack-event/${stray.event_id}`)).toBeUndefined();
  });

  it('a forged or replayed state is refused before any code is exchanged', async () => {
    const before = await installationKeys();
    const wrongState = await install(A.code, { state: 'forged-state' });
    const noCookie = await install(A.code, { cookie: '' });
    for (const r of [wrongState, noCookie]) expect(r.status).toBeGreaterThanOrEqual(400);
    expect(world.fake.callsTo('oauth.v2.access')).toEqual([]);
    expect(await installationKeys()).toEqual(before);
  });

  it('a reinstall replaces the token; uninstalling removes it from the store', async () => {
    world.fake.workspace({ ...A, code: 'code-a2', token: 'xoxb-aaa-new' });
    expect((await install('code-a2')).status).toBe(200);
    expect(
      (await world.server.store.get<{ bot: { token: string } }>('slack-installation/team/TAAA1'))?.value.bot
        .token,
    ).toBe('xoxb-aaa-new');
    world.fake.reset();
    expect((await event({ ...dm('UA2', 'help'), team_id: 'TAAA1' })).status).toBe(200);
    const posts = await world.fake.waitFor('chat.postMessage', 2);
    expect(new Set(posts.map((p) => p.token))).toEqual(new Set(['xoxb-aaa-new']));

    expect((await event(eventEnvelope({ type: 'app_uninstalled' }))).status).toBe(200);
    // eventEnvelope is from team T0001: nothing of TAAA1 changes until TAAA1 itself uninstalls.
    expect(await installationKeys()).toContain('slack-installation/team/TAAA1');
    expect((await event({ ...eventEnvelope({ type: 'app_uninstalled' }), team_id: 'TAAA1' })).status).toBe(
      200,
    );
    await expect.poll(installationKeys).toEqual(['slack-installation/team/TBBB2']);

    // Next week's digests: B's is posted with B's token; A's channel gets no post with anyone's.
    world.fake.reset();
    now += 7 * 24 * 3_600_000;
    const report = await world.server.guide.digests.sendDue();
    const outcome = (key: string) =>
      report.results.find((r) => r.channelKey === channelKeyFor('slack', key))?.outcome;
    expect(outcome('CDIGESTB')).toBe('sent');
    expect(outcome('CDIGESTA')).not.toBe('sent');
    expect(world.fake.callsTo('chat.postMessage').map((p) => [p.args.channel, p.token])).toEqual([
      ['CDIGESTB', 'xoxb-bbb'],
    ]);
  });

  it('never logs a token or a secret of the flow', () => {
    const logs = world.server.logText();
    expect(logs).toContain('slack: workspace installed the app');
    for (const secret of ['xoxb-', OAUTH.SLACK_CLIENT_SECRET, OAUTH.SLACK_STATE_SECRET])
      expect(logs).not.toContain(secret);
  });
});
