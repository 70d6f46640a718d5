import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../../src/server/body.js';
import { playgroundEnabled } from '../../../src/channels/playground/index.js';
import { isLoopbackAddress, isLoopbackHostHeader, isProxied } from '../../../src/server/loopback.js';
import { PlaygroundConversations } from '../../../src/channels/playground/conversations.js';
import type { PartnershipReport } from '../../../src/core/insights/report-data.js';
import { startServer, type TestServer } from '../../helpers/start-server.js';
import {
  activityText,
  cardStrings,
  Conversation,
  getSession,
  pageActivity,
  postJson as post,
  statusWithHeaders,
  type Json,
  type Session,
} from './client.js';
import { SERVED_TENANT } from '../teams/activities.js';
import { SseReader } from './sse.js';

async function postJson(url: string, body: string, method = 'POST', type = 'application/json') {
  return fetch(url, { method, headers: { 'content-type': type }, body });
}

/** GET with an explicit Host header (fetch won't let a caller set one). */
function getWithHost(url: string, host: string): Promise<number> {
  return statusWithHeaders(url, { host });
}

/** A question the guidance cannot answer, with a name and a date of birth in it. */
const IDENTIFIABLE = 'Can Jane Smith, born 14/02/2016, get free school meals?';
const IDENTIFIERS = ['Jane Smith', 'Smith', '14/02/2016'];

describe('playground in local mode', () => {
  let server: TestServer;
  let connector: string;
  beforeAll(async () => {
    server = await startServer();
    connector = `${server.url}/playground/connector/v3/conversations`;
  });
  afterAll(() => server.stop());

  it('serves the page with a strict content security policy, and the renderer bundle from node_modules', async () => {
    const page = await fetch(`${server.url}/playground`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('/playground/adaptivecards.js');
    expect(html).toMatch(/don't enter identifying details/i);
    const bundle = await fetch(`${server.url}/playground/adaptivecards.js`);
    expect(bundle.status).toBe(200);
    expect((await bundle.text()).length).toBeGreaterThan(100_000);
  });

  it('gives the page its own bot endpoint, a serviceUrl on the bound loopback address, and its user', async () => {
    const response = await fetch(`${server.url}/playground/session`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const session = (await response.json()) as Session;
    expect(session).toEqual({
      messagesUrl: '/playground/api/messages',
      serviceUrl: `${server.url}/playground/connector`,
      user: { id: 'playground-operator', name: expect.any(String) as string },
      adminUrl: '/playground/admin',
    });
  });

  it("runs the same bot at the playground's own endpoint, where the operator is an admin; /api/messages is unchanged", async () => {
    const session = await getSession(server.url);
    const chat = await Conversation.open(server.url, session);
    try {
      // An ordinary question: the same answer card as Teams gets.
      const answer = activityText(await chat.say('a 7 year old is showing sexualised behaviour at school'));
      expect(answer).toContain('What to do now');

      const report = activityText(await chat.say('report'));
      expect(report).toContain('Partnership report');
      expect(report).not.toContain('for partnership admins');

      const digest = await chat.say('digest preview');
      expect(digest.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
      expect(activityText(digest)).toContain('Weekly learning:');

      // The same user, the same words, through /api/messages: not an admin there.
      const refused = activityText(await chat.say('report', '/api/messages'));
      expect(refused).toContain('The partnership report is for partnership admins.');
      expect(refused).not.toContain('Partnership report:');
    } finally {
      chat.close();
    }
  });

  it('refuses a playground activity that names another serviceUrl, before the bot sees it', async () => {
    const session = await getSession(server.url);
    const elsewhere = { ...session, serviceUrl: 'http://127.0.0.1:9/v3' };
    const before = server.logs().filter((l) => l.msg === 'teams: replied').length;
    const response = await post(
      `${server.url}/playground/api/messages`,
      pageActivity(elsewhere, `pg-${randomUUID()}`, { text: 'help' }),
    );
    expect(response.status).toBe(400);
    expect(((await response.json()) as Json).code).toBe('bad_input');
    expect(server.logs().filter((l) => l.msg === 'teams: replied').length).toBe(before);
  });

  it('answers 404 to every playground route when the request came through a proxy', async () => {
    const session = await getSession(server.url);
    const body = JSON.stringify(pageActivity(session, `pg-${randomUUID()}`, { text: 'help' }));
    const proxies: Record<string, string>[] = [
      { 'x-forwarded-for': '203.0.113.7' },
      { forwarded: 'for=203.0.113.7' },
      { 'x-real-ip': '203.0.113.7' },
    ];
    for (const proxy of proxies) {
      for (const path of [
        '/playground',
        '/playground/session',
        '/playground/playground.js',
        '/playground/admin',
        '/playground/admin/report.json',
        '/playground/admin/digest-preview.json',
        '/playground/events?conversation=pg-1',
      ]) {
        expect(
          await statusWithHeaders(`${server.url}${path}`, proxy),
          `${path} ${JSON.stringify(proxy)}`,
        ).toBe(404);
      }
      const posted = await post(`${server.url}/playground/api/messages`, body, proxy);
      expect(posted.status).toBe(404);
      const connector = await post(
        `${server.url}/playground/connector/v3/conversations/pg-1/activities`,
        '{}',
        proxy,
      );
      expect(connector.status).toBe(404);
    }
  });

  it('answers a real activity: the bot replies through the playground connector to the event stream', async () => {
    const conversationId = `pg-${randomUUID()}`;
    const events = await SseReader.open(`${server.url}/playground/events?conversation=${conversationId}`);
    try {
      expect(events.status).toBe(200);
      await events.next((e) => e.event === 'ready');
      const response = await postJson(
        `${server.url}/api/messages`,
        JSON.stringify(
          pageActivity(
            await getSession(server.url),
            conversationId,
            { text: 'help', textFormat: 'plain' },
            { id: 'playground-user-1', name: 'You' },
          ),
        ),
      );
      expect(response.status).toBe(200);
      const reply = JSON.parse((await events.next((e) => e.event === 'activity')).data) as {
        activity: Json & { attachments: { contentType: string; content: Json }[] };
      };
      expect(reply.activity.attachments[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
      expect(reply.activity.conversation).toMatchObject({ id: conversationId });

      // A card update in place (PUT) reaches the page as an update of the same activity id.
      const id = reply.activity.id as string;
      const put = await postJson(
        `${connector}/${conversationId}/activities/${id}`,
        JSON.stringify({ type: 'message', text: 'updated' }),
        'PUT',
      );
      expect(put.status).toBe(200);
      const update = JSON.parse((await events.next((e) => e.event === 'update')).data) as { activity: Json };
      expect(update.activity).toMatchObject({ id, text: 'updated' });

      // A page that connects later gets the conversation so far.
      const late = await SseReader.open(`${server.url}/playground/events?conversation=${conversationId}`);
      const replayed = JSON.parse((await late.next((e) => e.event === 'activity')).data) as {
        activity: Json;
      };
      expect(replayed.activity).toMatchObject({ id, text: 'updated' });
      late.close();
    } finally {
      events.close();
    }
  });

  it('rejects connector bodies over the limit (413) and malformed or non-JSON bodies (400)', async () => {
    const url = `${connector}/pg-limits/activities`;
    const big = JSON.stringify({ type: 'message', text: 'x'.repeat(MAX_BODY_BYTES + 1) });
    expect((await postJson(url, big)).status).toBe(413);
    expect((await postJson(url, '{"type": "message",')).status).toBe(400);
    expect((await postJson(url, '[1,2]')).status).toBe(400);
    expect((await postJson(url, 'type=message', 'POST', 'application/x-www-form-urlencoded')).status).toBe(
      400,
    );
    expect((await postJson(`${connector}/pg-limits/activities/nope`, '{}', 'PUT')).status).toBe(404);
    expect((await postJson(`${connector}/bad%20id/activities`, '{}')).status).toBe(400);
    // Nothing was stored for the rejected requests.
    const events = await SseReader.open(`${server.url}/playground/events?conversation=pg-limits`);
    await events.next((e) => e.event === 'ready');
    expect(events.events.filter((e) => e.event === 'activity')).toEqual([]);
    events.close();
  });

  it('rejects an event stream without a valid conversation id', async () => {
    expect((await fetch(`${server.url}/playground/events`)).status).toBe(400);
    expect((await fetch(`${server.url}/playground/events?conversation=%3Cscript%3E`)).status).toBe(400);
  });

  it('serves the admin view: its own script under the same strict policy, linked from the chat page', async () => {
    const chatPage = await (await fetch(`${server.url}/playground`)).text();
    expect(chatPage).toContain('href="/playground/admin"');
    const page = await fetch(`${server.url}/playground/admin`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('src="/playground/admin.js"');
    expect(html).not.toMatch(/<script>|<script [^>]*>[^<]/);
    const script = await fetch(`${server.url}/playground/admin.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await script.text()).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });

  it('counts playground questions in the report, grouping a signposted one redacted', async () => {
    const readReport = async (): Promise<PartnershipReport> => {
      const response = await fetch(`${server.url}/playground/admin/report.json`);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      return ((await response.json()) as { report: PartnershipReport }).report;
    };
    const total = (r: PartnershipReport) =>
      r.questions.totals.answered + r.questions.totals.lowConfidence + r.questions.totals.signposted;
    const before = await readReport();

    const chat = await Conversation.open(server.url, await getSession(server.url));
    try {
      await chat.say('a 7 year old is showing sexualised behaviour at school, what do I do');
      await chat.say(IDENTIFIABLE);
    } finally {
      chat.close();
    }
    const after = await readReport();
    expect(total(after)).toBe(total(before) + 2);
    expect(after.questions.totals.signposted).toBe(before.questions.totals.signposted + 1);
    const group = after.questions.groups.find(
      (g) => g.kind === 'signposted' && /school meals/i.test(g.example),
    );
    expect(group).toBeDefined();
    expect(group?.count).toBe(1);
    const json = JSON.stringify(after);
    for (const raw of IDENTIFIERS) expect(json).not.toContain(raw);
    for (const raw of IDENTIFIERS) expect(server.logText()).not.toContain(raw);
  });

  it("serves this week's digest preview as the Teams card", async () => {
    const response = await fetch(`${server.url}/playground/admin/digest-preview.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const preview = (await response.json()) as { title: string; card: Json };
    expect(preview.title).toMatch(/^Weekly learning: /);
    expect(preview.card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(cardStrings(preview.card)).toContain(preview.title);
  });

  it('answers 404 to a request whose Host is not loopback (DNS rebinding)', async () => {
    expect(await getWithHost(`${server.url}/playground`, server.url.replace('http://', ''))).toBe(200);
    expect(await getWithHost(`${server.url}/playground`, 'localhost:3978')).toBe(200);
    expect(await getWithHost(`${server.url}/playground`, 'evil.example:3978')).toBe(404);
    expect(await getWithHost(`${server.url}/playground/session`, 'evil.example')).toBe(404);
    expect(await getWithHost(`${server.url}/playground/admin/report.json`, 'evil.example')).toBe(404);
  });
});

describe('playground outside local mode', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({
      MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
      MicrosoftAppPassword: 'x',
      ALLOWED_TENANTS: SERVED_TENANT,
    });
  });
  afterAll(() => server.stop());

  it('is 404 when MicrosoftAppId is set without PLAYGROUND=on: page, bot endpoint, connector and admin alike', async () => {
    await expectNoPlayground(server);
  });
});

async function expectNoPlayground(server: TestServer): Promise<void> {
  for (const path of [
    '/playground',
    '/playground/session',
    '/playground/adaptivecards.js',
    '/playground/events?conversation=pg-1',
    '/playground/admin',
    '/playground/admin/report.json',
  ]) {
    expect((await fetch(`${server.url}${path}`)).status, path).toBe(404);
  }
  for (const path of ['/playground/connector/v3/conversations/pg-1/activities', '/playground/api/messages']) {
    expect((await postJson(`${server.url}${path}`, '{}')).status, path).toBe(404);
  }
  expect(server.logText()).not.toContain('playground: mounted');
}

describe('playground with PLAYGROUND=off in local mode', () => {
  it('is not mounted at all', async () => {
    const server = await startServer({ PLAYGROUND: 'off' });
    try {
      await expectNoPlayground(server);
      // The bot itself still runs.
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});

describe('playground with PLAYGROUND=on and MicrosoftAppId set', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({
      MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
      MicrosoftAppPassword: 'x',
      ALLOWED_TENANTS: SERVED_TENANT,
      PLAYGROUND: 'on',
    });
  });
  afterAll(() => server.stop());

  it('chats without a Bot Framework token, and replies reach the page without one', async () => {
    const session = await getSession(server.url);
    expect(session.messagesUrl).toBe('/playground/api/messages');
    const page = await fetch(`${server.url}/playground`);
    expect(page.status).toBe(200);
    const chat = await Conversation.open(server.url, session);
    try {
      const answer = activityText(await chat.say('a 7 year old is showing sexualised behaviour at school'));
      expect(answer).toContain('What to do now');
      // The operator is an admin in the playground here too.
      expect(activityText(await chat.say('report'))).toContain('Partnership report');
    } finally {
      chat.close();
    }
  });

  it('still demands a Bot Framework token at /api/messages', async () => {
    const session = await getSession(server.url);
    const response = await postJson(
      `${server.url}/api/messages`,
      JSON.stringify(pageActivity(session, `pg-${randomUUID()}`, { text: 'report' })),
    );
    expect(response.status).toBe(401);
  });

  it('serves the admin report', async () => {
    const response = await fetch(`${server.url}/playground/admin/report.json`);
    expect(response.status).toBe(200);
    const { report } = (await response.json()) as { report: PartnershipReport };
    expect(report.questions.totals.answered + report.questions.totals.signposted).toBeGreaterThanOrEqual(1);
  });
});

describe('when the playground is enabled', () => {
  it('follows PLAYGROUND, which is on by default in local mode only', async () => {
    const { loadConfig } = await import('../../../src/config.js');
    const appId = {
      MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
      MicrosoftAppPassword: 'x',
      ALLOWED_TENANTS: SERVED_TENANT,
    };
    expect(playgroundEnabled(loadConfig({}))).toBe(true);
    expect(playgroundEnabled(loadConfig({ PLAYGROUND: 'off' }))).toBe(false);
    expect(playgroundEnabled(loadConfig(appId))).toBe(false);
    expect(playgroundEnabled(loadConfig({ ...appId, HOST: '127.0.0.1', PLAYGROUND: 'on' }))).toBe(true);
  });

  it('refuses requests that carry a proxy header', () => {
    expect(isProxied({ host: '127.0.0.1' })).toBe(false);
    expect(isProxied({ 'x-forwarded-for': '10.0.0.1' })).toBe(true);
    expect(isProxied({ forwarded: 'for=10.0.0.1' })).toBe(true);
    expect(isProxied({ 'x-real-ip': '10.0.0.1' })).toBe(true);
  });

  it('recognises loopback peers and Host headers, and nothing else', () => {
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'])
      expect(isLoopbackAddress(a)).toBe(true);
    for (const a of ['10.0.0.1', '::ffff:10.0.0.1', '0.0.0.0', '', undefined, '127.evil.example'])
      expect(isLoopbackAddress(a)).toBe(false);
    for (const h of ['127.0.0.1:3978', 'localhost', 'LOCALHOST:1', '[::1]:3978'])
      expect(isLoopbackHostHeader(h)).toBe(true);
    for (const h of [
      'evil.example',
      'localhost.evil.example',
      '127.0.0.1.nip.io:3978',
      '[::2]:1',
      '',
      undefined,
    ])
      expect(isLoopbackHostHeader(h)).toBe(false);
  });
});

describe('playground conversations memory', () => {
  it('keeps a bounded number of activities per conversation, oldest dropped first', () => {
    const memory = new PlaygroundConversations({ perConversation: 3, conversations: 10 });
    const ids = [1, 2, 3, 4, 5].map((n) => memory.add('c', { text: `m${n}` }));
    expect(memory.history('c').map((a) => a.text)).toEqual(['m3', 'm4', 'm5']);
    expect(memory.update('c', ids[0] ?? '', { text: 'gone' })).toBe(false);
  });

  it('keeps a bounded number of conversations, but never drops one a page is listening to', () => {
    const memory = new PlaygroundConversations({ perConversation: 3, conversations: 2 });
    const stop = memory.subscribe('watched', () => {});
    memory.add('a', { text: 'a' });
    memory.add('b', { text: 'b' });
    memory.add('c', { text: 'c' });
    expect(memory.size).toBe(2);
    expect(memory.history('watched')).toEqual([]);
    memory.add('watched', { text: 'w' });
    expect(memory.history('watched').map((a) => a.text)).toEqual(['w']);
    expect(memory.history('a')).toEqual([]);
    stop();
  });
});

describe('shutdown with a playground page open', () => {
  it('closes the server even while an event stream is open', async () => {
    const server = await startServer();
    const events = await SseReader.open(`${server.url}/playground/events?conversation=pg-open`);
    await events.next((e) => e.event === 'ready');
    await server.stop();
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    events.close();
  });
});
