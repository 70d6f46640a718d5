import { Agent } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCaptureServer, type CaptureServer } from '../helpers/capture-server.js';
import { rawRequest } from '../helpers/raw-http.js';
import { postSigned } from '../helpers/slack-signing.js';
import { SECRET, startSlackWorld, stopSlackWorld, type SlackWorld } from '../channels/slack/slack-world.js';
import { conversation, message } from '../channels/teams/activities.js';

let world: SlackWorld;
let cap: CaptureServer;
beforeAll(async () => {
  cap = await startCaptureServer();
  world = await startSlackWorld();
});
afterAll(async () => {
  await stopSlackWorld(world);
  await cap.close();
});

describe('a body over the limit leaves the keep-alive connection usable', () => {
  for (const [route, size, type] of [
    ['/slack/events', 2 * 1024 * 1024, 'application/json'],
    ['/api/messages', 512 * 1024, 'application/json'],
  ] as const) {
    it(`${route}: 413, then the next request on the same socket is answered`, async () => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        const big = await rawRequest(`${world.server.url}${route}`, {
          agent,
          headers: { 'content-type': type },
          body: `{"pad":"${'x'.repeat(size)}"}`,
        });
        expect(big.status).toBe(413);
        const next = await rawRequest(`${world.server.url}/healthz`, {
          agent,
          method: 'GET',
          timeoutMs: 5_000,
        });
        expect(next.status).toBe(200);
        expect(next.reusedSocket).toBe(true);
      } finally {
        agent.destroy();
      }
    });
  }
});

describe('/api/messages refuses bytes that are not UTF-8', () => {
  it('answers 400 for invalid or truncated UTF-8 sequences in the text, and runs no turn', async () => {
    const conv = conversation('personal');
    const json = JSON.stringify(message({ serviceUrl: cap.url, conv, text: 'help MARK' }));
    const [before, after] = json.split('MARK') as [string, string];
    for (const bad of [Buffer.from([0xff]), Buffer.from([0xc3]), Buffer.from([0xed, 0xa0, 0x80])]) {
      const res = await rawRequest(`${world.server.url}/api/messages`, {
        headers: { 'content-type': 'application/json' },
        body: Buffer.concat([Buffer.from(before), bad, Buffer.from(after)]),
      });
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body)).toEqual({ code: 'bad_input', message: 'The body is not valid UTF-8.' });
    }
    expect(cap.for(conv.id as string)).toEqual([]);
    // Well-formed multi-byte text is fine.
    const ok = await rawRequest(`${world.server.url}/api/messages`, {
      headers: { 'content-type': 'application/json' },
      body: Buffer.from(`${before}é ✓${after}`),
    });
    expect(ok.status).toBe(200);
  });
});

describe('/slack/events refuses timestamps from the future', () => {
  it('answers 401 to a correctly signed request dated more than 5 minutes ahead', async () => {
    const body = JSON.stringify({ token: 'x', challenge: 'from-the-future', type: 'url_verification' });
    const now = Math.floor(Date.now() / 1000);
    const ahead = await postSigned(world.url, body, { secret: SECRET, timestamp: now + 6 * 60 });
    expect(ahead.status).toBe(401);
    expect(ahead.text).not.toContain('from-the-future');
    // A little clock skew is fine, as Slack allows.
    expect((await postSigned(world.url, body, { secret: SECRET, timestamp: now + 60 })).status).toBe(200);
  });
});
