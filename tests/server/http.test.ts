import { describe, expect, it } from 'vitest';
import { serverWithConnector } from '../helpers/server-with-connector.js';
import { conversation, message, post } from '../channels/teams/activities.js';
import { MAX_BODY_BYTES } from '../../src/server/body.js';

const world = serverWithConnector();

describe('HTTP server', () => {
  it('GET /healthz reports content loaded and a writable store', async () => {
    const res = await fetch(`${world.s.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'ok',
      content: { items: world.s.guide.pack.items.length },
      store: { writable: true },
      timeouts: { teams: 0, slack: 0 },
    });
    expect(world.s.guide.pack.items.length).toBeGreaterThan(0);
  });

  it('GET /healthz stays 200 when 200 checks overlap (each probes the store with its own file)', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 200 }, async () => (await fetch(`${world.s.url}/healthz`)).status),
    );
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    const { readdir } = await import('node:fs/promises');
    expect((await readdir(world.s.dataDir)).filter((f) => f.startsWith('.store-health'))).toEqual([]);
  });

  it('binds to loopback in local mode', () => {
    expect(new URL(world.s.url).hostname).toBe('127.0.0.1');
  });

  it('rejects malformed JSON with 400 and sends nothing', async () => {
    const res = await fetch(`${world.s.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"type":"message","text":"secret question',
    });
    expect(res.status).toBe(400);
    expect(world.cap.captured).toEqual([]);
    expect(world.s.logText()).not.toContain('secret question');
  });

  it('rejects a body that is not a JSON object with 400', async () => {
    for (const [type, body] of [
      ['application/json', '[1,2]'],
      ['application/json', '"text"'],
      ['text/plain', 'hello'],
    ]) {
      const res = await fetch(`${world.s.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': type as string },
        body,
      });
      expect(res.status).toBe(400);
    }
  });

  it('rejects a body over 256 KB with 413 and never reads it as an activity', async () => {
    const conv = conversation('personal');
    const activity = message({ serviceUrl: world.cap.url, conv, text: 'x'.repeat(MAX_BODY_BYTES) });
    const res = await post(world.s.url, activity);
    expect(res.status).toBe(413);
    expect(world.cap.for(conv.id as string)).toEqual([]);
  });

  it('accepts a body just under the limit', async () => {
    const conv = conversation('personal');
    const activity = message({ serviceUrl: world.cap.url, conv, text: 'help ' });
    const padded = {
      ...activity,
      channelData: { pad: 'p'.repeat(MAX_BODY_BYTES - JSON.stringify(activity).length - 100) },
    };
    const res = await post(world.s.url, padded);
    expect(res.status).toBe(200);
    expect(world.cap.for(conv.id as string)).toHaveLength(1);
  });

  it('never logs message text, even at debug-level detail of a turn', async () => {
    const conv = conversation('channel');
    const text = 'unique-marker-7f3a what do I do about sexualised behaviour at playtime?';
    await post(world.s.url, message({ serviceUrl: world.cap.url, conv, text, mention: true }));
    expect(world.s.logs().some((l) => l.msg === 'teams: replied')).toBe(true);
    expect(world.s.logText()).not.toContain('unique-marker-7f3a');
  });

  it('returns 404 for unknown routes', async () => {
    expect((await fetch(`${world.s.url}/nope`)).status).toBe(404);
  });
});
