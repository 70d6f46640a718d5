import { describe, expect, it } from 'vitest';
import { serverWithConnector } from '../helpers/server-with-connector.js';
import { rawRequest } from '../helpers/raw-http.js';
import { conversation, message, post } from '../channels/teams/activities.js';
import { listSubscriptions } from '../../src/core/digests/subscriptions.js';

const world = serverWithConnector();

function send(activity: unknown, headers: Record<string, string>) {
  return rawRequest(`${world.s.url}/api/messages`, {
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  });
}

describe('/api/messages in local mode (no MicrosoftAppId) answers this machine only', () => {
  it('refuses a foreign Host (DNS rebinding) and proxy headers, and runs no turn', async () => {
    const conv = conversation('personal');
    const activity = message({ serviceUrl: world.cap.url, conv, text: 'help' });
    const own = new URL(world.s.url).host;
    const cases: Record<string, string>[] = [
      { host: 'evil.example:3978' },
      { host: own, 'x-forwarded-for': '203.0.113.9' },
      { host: own, forwarded: 'for=203.0.113.9' },
      { host: own, 'x-real-ip': '203.0.113.9' },
    ];
    for (const headers of cases) {
      const res = await send(activity, headers);
      expect(res.status).toBe(403);
      expect(JSON.parse(res.body)).toMatchObject({ code: 'forbidden' });
    }
    expect(world.cap.for(conv.id as string)).toEqual([]);
    // The same activity from this machine, with its own Host, is answered.
    expect((await send(activity, { host: own })).status).toBe(200);
    expect(world.cap.for(conv.id as string)).toHaveLength(1);
  });

  it('refuses an activity whose serviceUrl is not on loopback, so no reply or subscription goes elsewhere', async () => {
    const conv = conversation('channel');
    const replied = () => world.s.logs().filter((l) => l.msg === 'teams: replied').length;
    const before = replied();
    for (const serviceUrl of ['http://evil.example/', 'https://10.0.0.8:443/', 'file:///etc/passwd', 42]) {
      const res = await post(
        world.s.url,
        message({ serviceUrl: serviceUrl as string, conv, text: 'digest subscribe', mention: true }),
        {},
      );
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(
        /serviceUrl must be an http\(s\) address on localhost or 127\.0\.0\.1/,
      );
    }
    expect(await listSubscriptions(world.s.store)).toEqual([]);
    expect(replied()).toBe(before);
  });
});

describe('/api/messages: activities botbuilder cannot handle are 400, not 500', () => {
  it('answers {} and an activity without a type with 400', async () => {
    const conv = conversation('personal');
    const { type: _type, ...untyped } = message({ serviceUrl: world.cap.url, conv, text: 'help' });
    for (const body of [{}, untyped, { ...untyped, type: '' }, { ...untyped, type: 7 }]) {
      const res = await post(world.s.url, body);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code: 'bad_input' });
    }
    expect(world.cap.for(conv.id as string)).toEqual([]);
  });
});
