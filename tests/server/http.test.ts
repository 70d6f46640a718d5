import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCaptureServer, type CaptureServer } from '../helpers/capture-server.js';
import { startServer, type TestServer } from '../helpers/start-server.js';
import { conversation, message, post } from '../channels/teams/activities.js';
import { MAX_BODY_BYTES } from '../../src/server/body.js';

let cap: CaptureServer;
let s: TestServer;

beforeAll(async () => {
  cap = await startCaptureServer();
  s = await startServer();
});
afterAll(async () => {
  await s?.stop();
  await cap?.close();
});

describe('HTTP server', () => {
  it('GET /healthz reports content loaded and a writable store', async () => {
    const res = await fetch(`${s.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'ok',
      content: { items: s.guide.pack.items.length },
      store: { writable: true },
    });
    expect(s.guide.pack.items.length).toBeGreaterThan(0);
  });

  it('binds to loopback in local mode', () => {
    expect(new URL(s.url).hostname).toBe('127.0.0.1');
  });

  it('rejects malformed JSON with 400 and sends nothing', async () => {
    const res = await fetch(`${s.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"type":"message","text":"secret question',
    });
    expect(res.status).toBe(400);
    expect(cap.captured).toEqual([]);
    expect(s.logText()).not.toContain('secret question');
  });

  it('rejects a body that is not a JSON object with 400', async () => {
    for (const [type, body] of [
      ['application/json', '[1,2]'],
      ['application/json', '"text"'],
      ['text/plain', 'hello'],
    ]) {
      const res = await fetch(`${s.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': type as string },
        body,
      });
      expect(res.status).toBe(400);
    }
  });

  it('rejects a body over 256 KB with 413 and never reads it as an activity', async () => {
    const conv = conversation('personal');
    const activity = message({ serviceUrl: cap.url, conv, text: 'x'.repeat(MAX_BODY_BYTES) });
    const res = await post(s.url, activity);
    expect(res.status).toBe(413);
    expect(cap.for(conv.id as string)).toEqual([]);
  });

  it('accepts a body just under the limit', async () => {
    const conv = conversation('personal');
    const activity = message({ serviceUrl: cap.url, conv, text: 'help ' });
    const padded = {
      ...activity,
      channelData: { pad: 'p'.repeat(MAX_BODY_BYTES - JSON.stringify(activity).length - 100) },
    };
    const res = await post(s.url, padded);
    expect(res.status).toBe(200);
    expect(cap.for(conv.id as string)).toHaveLength(1);
  });

  it('never logs message text, even at debug-level detail of a turn', async () => {
    const conv = conversation('channel');
    const text = 'unique-marker-7f3a what do I do about sexualised behaviour at playtime?';
    await post(s.url, message({ serviceUrl: cap.url, conv, text, mention: true }));
    expect(s.logs().some((l) => l.msg === 'teams: replied')).toBe(true);
    expect(s.logText()).not.toContain('unique-marker-7f3a');
  });

  it('returns 404 for unknown routes', async () => {
    expect((await fetch(`${s.url}/nope`)).status).toBe(404);
  });
});
