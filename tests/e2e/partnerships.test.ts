import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as runReport } from '../../src/cli/report.js';
import { NOT_SET_UP_FOR_YOUR_ORGANISATION } from '../../src/core/organisations.js';
import {
  cardOf,
  conversation,
  message,
  post,
  submit,
  UNSERVED_TENANT,
} from '../channels/teams/activities.js';
import { startCaptureServer, type CaptureServer } from '../helpers/capture-server.js';
import { FakeSlackApi } from '../helpers/fake-slack-api.js';
import { CONTENT_DIR } from '../helpers/content-fixture.js';
import {
  NORTH,
  SOUTH,
  partnershipPackYaml,
  writePacksDir,
  type TestPartnership,
} from '../helpers/partnership-packs.js';
import { dm } from '../helpers/slack-events.js';
import { formBody, postSigned } from '../helpers/slack-signing.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

/**
 * Two partnerships in one deployment (PACKS_DIR), over real HTTP: Teams activities into
 * /api/messages with a local connector, signed Slack requests with a local fake Slack Web API.
 */
const SECRET = 'partnerships-signing-secret-0123456789';
type Json = Record<string, unknown>;

let packsDir: string;
let cap: CaptureServer;
let slack: FakeSlackApi;
let s: TestServer;
// Monday 7 December 2026, 08:00 in London (GMT): before North's Monday 09:00 digest.
let now = new Date('2026-12-07T08:00:00Z');

beforeAll(async () => {
  packsDir = await writePacksDir();
  cap = await startCaptureServer();
  slack = await FakeSlackApi.start();
  s = await startServer(
    {
      PACKS_DIR: packsDir,
      SLACK_BOT_TOKEN: 'xoxb-partnerships',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      DIGEST_SCHEDULER: 'off',
    },
    { clock: () => now },
  );
});
afterAll(async () => {
  await s?.stop();
  await cap?.close();
  await slack?.close();
  await rm(packsDir, { recursive: true, force: true });
});

const person = (p: TestPartnership, n = 1) => ({
  id: `29:${p.id}-user-${n}`,
  name: 'A Practitioner',
  aadObjectId: `${p.tenant.slice(0, 24)}${String(n).padStart(12, '0')}`,
});
const teamsAdmin = (p: TestPartnership) => ({
  id: `29:${p.id}-admin`,
  name: 'Admin',
  aadObjectId: p.teamsAdmin,
});
const channelOf = (p: TestPartnership): Json => ({
  ...conversation('channel', `${p.id}-learning`),
  tenantId: p.tenant,
});

/** A Teams message; resolves with the text of the reply (card JSON or plain text). */
async function teams(conv: Json, from: Json, text: string): Promise<string> {
  const before = cap.captured.length;
  const res = await post(
    s.url,
    message({ serviceUrl: cap.url, conv, from, text, mention: conv.conversationType === 'channel' }),
  );
  expect(res.status).toBe(200);
  const captured = await cap.waitFor(before + 1);
  const activity = captured[before]!.activity;
  return JSON.stringify(cardOf(activity) ?? activity.text);
}

let slackSeq = 0;
/** A signed `/safeguarding …` slash command in a workspace's channel; resolves with what it answered. */
async function slackCommand(team: string, user: string, channel: string, text: string): Promise<string> {
  const id = `pr${(slackSeq += 1)}`;
  const res = await postSigned(
    `${s.url}/slack/events`,
    formBody({
      command: '/safeguarding',
      text,
      user_id: user,
      channel_id: channel,
      channel_name: 'partnership-learning',
      team_id: team,
      response_url: slack.responseUrl(id),
      trigger_id: `trig-${id}`,
    }),
    { secret: SECRET, contentType: 'application/x-www-form-urlencoded' },
  );
  expect(res.status).toBe(200);
  const deadline = Date.now() + 10_000;
  for (;;) {
    const hit = slack.responseTo(id);
    if (hit) return JSON.stringify(hit);
    if (res.text && res.text.includes(NOT_SET_UP_FOR_YOUR_ORGANISATION)) return res.text;
    if (Date.now() > deadline) throw new Error(`no answer to "${text}"`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const slackChannel = (p: TestPartnership) => `C${p.id.toUpperCase()}01`;
const service = (id: string) => s.partnerships.all.find((p) => p.id === id)!.guide.digests;
const teamsDigests = (p: TestPartnership) =>
  cap
    .for(String(channelOf(p).id).replace(/;messageid=\d+$/, ''))
    .filter((c) => c.method === 'POST' && JSON.stringify(cardOf(c.activity) ?? '').includes('digest'));
const slackDigests = (p: TestPartnership) =>
  slack
    .postsTo(slackChannel(p))
    .filter((post) => JSON.stringify(post.blocks).toLowerCase().includes('digest'));

describe('several partnerships in one deployment (PACKS_DIR)', () => {
  it('Teams: the same question from two tenants is answered with each partnership’s own contacts', async () => {
    const question = 'What is the Under 10 Protocol?';
    const north = await teams(
      { ...conversation('personal'), tenantId: NORTH.tenant },
      person(NORTH),
      question,
    );
    const south = await teams(
      { ...conversation('personal'), tenantId: SOUTH.tenant },
      person(SOUTH),
      question,
    );
    expect(north).toContain(NORTH.frontDoorPhone);
    expect(north).not.toContain(SOUTH.frontDoorPhone);
    expect(south).toContain(SOUTH.frontDoorPhone);
    expect(south).not.toContain(NORTH.frontDoorPhone);
    // A tenant no pack lists, in a channel: refused, and nothing of it stored (see the store test).
    const stranger = await teams(
      { ...conversation('channel', 'stranger-channel'), tenantId: UNSERVED_TENANT },
      person(NORTH, 9),
      question,
    );
    expect(stranger).toBe(JSON.stringify(NOT_SET_UP_FOR_YOUR_ORGANISATION));
  });

  it('Slack: the same question from two workspaces is answered with each partnership’s own contacts', async () => {
    const question = 'What is the Under 10 Protocol?';
    const before = slack.callsTo('chat.postMessage').length;
    for (const p of [NORTH, SOUTH]) {
      const envelope = { ...dm(`U${p.id.toUpperCase()}P1`, question), team_id: p.slackTeam };
      const res = await postSigned(`${s.url}/slack/events`, JSON.stringify(envelope), {
        secret: SECRET,
        contentType: 'application/json',
      });
      expect(res.status).toBe(200);
    }
    await slack.waitFor('chat.postMessage', before + 4); // a welcome and the answer each
    // Slack shows an answer's first screen; the rest (the other contacts) is behind "More", kept
    // in the store under the reply's id.
    const fullAnswerIn = async (p: TestPartnership) => {
      const posted = JSON.stringify(slack.postsTo(`DU${p.id.toUpperCase()}P1`));
      const more = /\\"replyId\\":\\"([0-9a-f]+)\\"/.exec(posted)?.[1];
      expect(more, posted).toBeDefined();
      return JSON.stringify((await s.store.get(`kept-reply/${more}`))?.value);
    };
    const north = await fullAnswerIn(NORTH);
    const south = await fullAnswerIn(SOUTH);
    expect(north).toContain(NORTH.frontDoorPhone);
    expect(north).not.toContain(SOUTH.frontDoorPhone);
    expect(south).toContain(SOUTH.frontDoorPhone);
    expect(south).not.toContain(NORTH.frontDoorPhone);
  });

  it('an admin of one partnership cannot subscribe, preview or report in the other', async () => {
    // North's admin, in South's tenant and in South's workspace.
    const inSouth = channelOf(SOUTH);
    for (const text of ['digest subscribe', 'digest preview', 'report']) {
      const reply = await teams(inSouth, teamsAdmin(NORTH), text);
      expect(reply, text).toMatch(/Only partnership admins|for partnership admins/);
      const slackReply = await slackCommand(SOUTH.slackTeam, NORTH.slackAdmin, slackChannel(SOUTH), text);
      expect(slackReply, text).toMatch(/Only partnership admins|for partnership admins/);
    }
    expect(await service('south').status()).toEqual([]);

    // Each admin in their own partnership: subscribed on the pack's own schedule.
    for (const p of [NORTH, SOUTH]) {
      expect(await teams(channelOf(p), teamsAdmin(p), 'digest subscribe')).toContain('Digest subscribed');
      expect(await slackCommand(p.slackTeam, p.slackAdmin, slackChannel(p), 'digest subscribe')).toContain(
        'Digest subscribed',
      );
      expect(await teams(channelOf(p), teamsAdmin(p), 'report')).toContain('Partnership report');
    }
    const schedules = async (id: string) =>
      (await service(id).status()).map(
        (st) => `${st.subscription.schedule.day} ${st.subscription.schedule.time}`,
      );
    expect(await schedules('north')).toEqual(['monday 09:00', 'monday 09:00']);
    expect(await schedules('south')).toEqual(['wednesday 14:30', 'wednesday 14:30']);
  });

  it('digests go to each partnership’s channels on its own schedule, exactly once', async () => {
    const sendAll = () => Promise.all(s.partnerships.all.map((p) => p.guide.digests.sendDue()));
    const posted = () => [NORTH, SOUTH].map((p) => [teamsDigests(p).length, slackDigests(p).length]);
    now = new Date('2026-12-07T09:05:00Z'); // Monday 09:05: North's is due, South's is not
    await sendAll();
    await sendAll();
    expect(posted()).toEqual([
      [1, 1],
      [0, 0],
    ]);
    now = new Date('2026-12-09T14:35:00Z'); // Wednesday 14:35: South's is due; North's was sent
    await sendAll();
    await sendAll();
    expect(posted()).toEqual([
      [1, 1],
      [1, 1],
    ]);
    // Each digest names its own partnership.
    expect(JSON.stringify(cardOf(teamsDigests(SOUTH)[0]!.activity))).toContain(SOUTH.name);
  });

  it('the store keeps each partnership’s data under its own keys', async () => {
    // A feedback click in each partnership, then question counts written.
    for (const p of [NORTH, SOUTH]) {
      const res = await post(
        s.url,
        submit({
          serviceUrl: cap.url,
          conv: { ...conversation('personal'), tenantId: p.tenant },
          from: person(p),
          value: { verb: 'feedback', replyId: `${p.id}fb01`, itemIds: [], helpful: true },
        }),
      );
      expect(res.status).toBe(200);
    }
    for (const p of s.partnerships.all) await p.guide.housekeeping();
    const keys = (await s.store.list('')).map((i) => i.key);
    const of = (id: string) => keys.filter((k) => k.startsWith(`partnership/${id}/`));
    for (const id of ['north', 'south']) {
      const own = of(id).map((k) => k.slice(`partnership/${id}/`.length));
      expect(
        own.some((k) => k.startsWith('subscription/')),
        id,
      ).toBe(true);
      expect(
        own.some((k) => k.startsWith('digest-ledger/')),
        id,
      ).toBe(true);
      expect(own).toContain(`feedback/${id}fb01`);
    }
    expect(of('north').join('\n')).not.toContain('southfb01');
    const everything = JSON.stringify(await s.store.list(''));
    expect(everything).not.toContain(UNSERVED_TENANT);
    expect(everything).not.toContain('stranger-channel');
    // Outside the partnerships: only what Slack itself keys by its own unique ids.
    const shared = keys.filter((k) => !k.startsWith('partnership/'));
    expect(shared.filter((k) => !/^(slack-event|slack-welcomed|kept-reply)\//.test(k))).toEqual([]);
  });

  it('each partnership’s report counts its own feedback only, in chat and at the terminal', async () => {
    const north = await s.partnerships.all.find((p) => p.id === 'north')!.guide.report();
    expect(north.partnership).toBe(NORTH.name);
    expect(north.feedback.responses).toBe(1);
    const out: string[] = [];
    const env = { PACKS_DIR: packsDir, PARTNERSHIP: 'south', DATA_DIR: s.dataDir, LOG_LEVEL: 'silent' };
    const cli = {
      out: (l: string) => out.push(l),
      err: (l: string) => out.push(l),
      store: s.store,
      clock: () => now,
    };
    expect(await runReport(['--json'], { ...cli, env })).toBe(0);
    const south = JSON.parse(out.join('\n')) as { partnership: string; feedback: { responses: number } };
    expect(south).toMatchObject({ partnership: SOUTH.name, feedback: { responses: 1 } });
    // With PACKS_DIR the terminal must be told which partnership: never a silent default.
    await expect(runReport(['--json'], { ...cli, env: { ...env, PARTNERSHIP: '' } })).rejects.toThrow(
      'name the partnership with PARTNERSHIP=',
    );
  });

  it('an admin reloads their own partnership’s pack; SIGHUP reloads all, refusing a pack that fails', async () => {
    const question = 'What is the Under 10 Protocol?';
    const ask = (p: TestPartnership) =>
      teams({ ...conversation('personal'), tenantId: p.tenant }, person(p), question);
    const northPack = join(packsDir, 'north', 'pack.yaml');
    const southPack = join(packsDir, 'south', 'pack.yaml');
    const newNumber = '01632 960003';
    await writeFile(northPack, partnershipPackYaml({ ...NORTH, frontDoorPhone: newNumber }, CONTENT_DIR));

    expect(await teams(channelOf(NORTH), person(NORTH), 'content reload')).toContain(
      'for partnership admins',
    );
    // South's admin reloads South only: North still has its old number.
    expect(await teams(channelOf(SOUTH), teamsAdmin(SOUTH), 'content reload')).toContain('Content reloaded');
    expect(
      await slackCommand(SOUTH.slackTeam, SOUTH.slackAdmin, slackChannel(SOUTH), 'content reload'),
    ).toContain('Content reloaded');
    expect(
      await slackCommand(SOUTH.slackTeam, NORTH.slackAdmin, slackChannel(SOUTH), 'content reload'),
    ).toContain('for partnership admins');
    expect(await ask(NORTH)).toContain(NORTH.frontDoorPhone);
    expect(await teams(channelOf(NORTH), teamsAdmin(NORTH), 'content reload')).toContain('Content reloaded');
    expect(await ask(NORTH)).toContain(newNumber);

    // A pack that claims another partnership's tenant is refused; the old one keeps serving.
    await writeFile(northPack, partnershipPackYaml({ ...NORTH, tenant: SOUTH.tenant }, CONTENT_DIR));
    const refused = await teams(channelOf(NORTH), teamsAdmin(NORTH), 'content reload');
    expect(refused).toContain('Content reload refused');
    expect(refused).toContain(`is also served by`);
    expect(await ask(NORTH)).toContain(newNumber);

    // SIGHUP: every pack; a broken one is refused and named, the others reload.
    await writeFile(northPack, partnershipPackYaml(NORTH, CONTENT_DIR));
    await writeFile(southPack, 'timezone: Mars/Base\n');
    const result = await s.reload();
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(/^south: /);
    expect(await ask(NORTH)).toContain(NORTH.frontDoorPhone);
    expect(await ask(SOUTH)).toContain(SOUTH.frontDoorPhone);
    await writeFile(southPack, partnershipPackYaml(SOUTH, CONTENT_DIR));
    expect(await s.reload()).toMatchObject({ ok: true });
  });
});
