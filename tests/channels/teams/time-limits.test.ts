import { describe, expect, it } from 'vitest';
import { serverWithConnector } from '../../helpers/server-with-connector.js';
import { conversation, message, post } from './activities.js';

// Short limits so a hanging connector shows within the test's time; the defaults are 13 s and 8 s.
const LIMITS = { TEAMS_TURN_TIMEOUT_MS: '1500', TEAMS_CALL_TIMEOUT_MS: '1000' };

const world = serverWithConnector(LIMITS);

describe('Teams turns with a connector that hangs or throttles', () => {
  it('answers POST /api/messages once the turn limit passes, without resending the reply', async () => {
    world.cap.clear();
    world.cap.plan({ status: 200, delayMs: 60_000 });
    const conv = conversation('personal');
    const res = await post(world.s.url, message({ serviceUrl: world.cap.url, conv, text: 'help' }));
    expect(res.status).toBe(200);
    // One attempt at the reply, no retry and no apology (both would wait on the same connector).
    expect(world.cap.received).toBe(1);
    const timedOut = world.s.logs().filter((l) => l.msg === 'teams: reply timed out');
    expect(timedOut).toHaveLength(1);
    expect(timedOut[0]?.activityId).toBeDefined();
    expect(world.s.platforms.timeouts.teams).toBe(1);
    expect(world.s.logs().filter((l) => l.msg === 'teams: turn failed')).toEqual([]);

    // The connector recovers: the next message is answered as usual.
    const next = await post(world.s.url, message({ serviceUrl: world.cap.url, conv, text: 'help' }));
    expect(next.status).toBe(200);
    expect(world.cap.for(conv.id as string)).toHaveLength(1);
  }, 20_000);

  it('does not wait out a long Retry-After inside a turn', async () => {
    world.cap.clear();
    world.cap.plan({ status: 429, retryAfterSeconds: 60 });
    const conv = conversation('personal');
    const before = world.s.platforms.timeouts.teams;
    const res = await post(world.s.url, message({ serviceUrl: world.cap.url, conv, text: 'help' }));
    expect(res.status).toBe(200);
    expect(world.cap.requests).toHaveLength(1);
    expect(world.cap.requests[0]).toMatch(/^POST \/v3\/conversations\/.+\/activities\/.+ 429$/);
    expect(world.s.platforms.timeouts.teams).toBe(before + 1);
  }, 20_000);

  it('reports the time-out count in /healthz', async () => {
    const body = (await (await fetch(`${world.s.url}/healthz`)).json()) as {
      timeouts: Record<string, number>;
    };
    expect(body.timeouts.teams).toBe(world.s.platforms.timeouts.teams);
    expect(body.timeouts.teams).toBeGreaterThan(0);
  });
});

describe('Teams turns with a connector that refuses the reply', () => {
  it('logs the error message (never [object Object]) and apologises once', async () => {
    world.cap.clear();
    world.cap.plan({ status: 400 });
    const conv = conversation('personal');
    expect((await post(world.s.url, message({ serviceUrl: world.cap.url, conv, text: 'help' }))).status).toBe(
      200,
    );
    const failed = world.s.logs().filter((l) => l.msg === 'teams: turn failed');
    expect(failed).toHaveLength(1);
    const err = failed[0]?.err as { message?: unknown };
    expect(typeof err.message).toBe('string');
    expect(err.message).not.toBe('');
    expect(world.s.logText()).not.toContain('[object Object]');
    expect(world.cap.for(conv.id as string)).toHaveLength(1); // the apology
  });
});
