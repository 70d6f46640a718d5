import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../../src/server/body.js';
import { playgroundEnabled } from '../../../src/channels/playground/index.js';
import { isLoopbackAddress, isLoopbackHostHeader } from '../../../src/channels/playground/loopback.js';
import { PlaygroundConversations } from '../../../src/channels/playground/conversations.js';
import { startServer, type TestServer } from '../../helpers/start-server.js';
import { SseReader } from './sse.js';

type Json = Record<string, unknown>;

function userMessage(serviceUrl: string, conversationId: string, text: string): Json {
  return {
    id: randomUUID(),
    type: 'message',
    channelId: 'msteams',
    serviceUrl,
    from: { id: 'playground-user-1', name: 'You' },
    recipient: { id: '28:safeguarding-guide-playground', name: 'Safeguarding Guide' },
    conversation: {
      id: conversationId,
      conversationType: 'personal',
      isGroup: false,
      tenantId: 'playground',
    },
    channelData: { tenant: { id: 'playground' } },
    text,
    textFormat: 'plain',
  };
}

async function postJson(url: string, body: string, method = 'POST', type = 'application/json') {
  return fetch(url, { method, headers: { 'content-type': type }, body });
}

/** GET with an explicit Host header (fetch won't let a caller set one). */
function getWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

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

  it('gives the page a serviceUrl on the bound loopback address', async () => {
    const session = (await (await fetch(`${server.url}/playground/session`)).json()) as Json;
    expect(session.serviceUrl).toBe(`${server.url}/playground/connector`);
  });

  it('answers a real activity: the bot replies through the playground connector to the event stream', async () => {
    const conversationId = `pg-${randomUUID()}`;
    const events = await SseReader.open(`${server.url}/playground/events?conversation=${conversationId}`);
    try {
      expect(events.status).toBe(200);
      await events.next((e) => e.event === 'ready');
      const response = await postJson(
        `${server.url}/api/messages`,
        JSON.stringify(userMessage(`${server.url}/playground/connector`, conversationId, 'help')),
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

  it('answers 404 to a request whose Host is not loopback (DNS rebinding)', async () => {
    expect(await getWithHost(`${server.url}/playground`, server.url.replace('http://', ''))).toBe(200);
    expect(await getWithHost(`${server.url}/playground`, 'localhost:3978')).toBe(200);
    expect(await getWithHost(`${server.url}/playground`, 'evil.example:3978')).toBe(404);
    expect(await getWithHost(`${server.url}/playground/session`, 'evil.example')).toBe(404);
  });
});

describe('playground outside local mode', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({
      MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
      MicrosoftAppPassword: 'x',
    });
  });
  afterAll(() => server.stop());

  it('is 404 when MicrosoftAppId is set, page and connector alike', async () => {
    expect((await fetch(`${server.url}/playground`)).status).toBe(404);
    expect((await fetch(`${server.url}/playground/adaptivecards.js`)).status).toBe(404);
    expect((await fetch(`${server.url}/playground/events?conversation=pg-1`)).status).toBe(404);
    expect(
      (await postJson(`${server.url}/playground/connector/v3/conversations/pg-1/activities`, '{}')).status,
    ).toBe(404);
    expect(server.logText()).not.toContain('playground: mounted');
  });
});

describe('when the playground is enabled', () => {
  it('only in local mode and only on a loopback bind address', () => {
    expect(playgroundEnabled({ localMode: true, host: '127.0.0.1' })).toBe(true);
    expect(playgroundEnabled({ localMode: true, host: '::1' })).toBe(true);
    expect(playgroundEnabled({ localMode: true, host: 'localhost' })).toBe(true);
    expect(playgroundEnabled({ localMode: true, host: '0.0.0.0' })).toBe(false);
    expect(playgroundEnabled({ localMode: true, host: '192.168.1.10' })).toBe(false);
    expect(playgroundEnabled({ localMode: true, host: '' })).toBe(false);
    expect(playgroundEnabled({ localMode: false, host: '127.0.0.1' })).toBe(false);
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
