import { afterEach, describe, expect, it } from 'vitest';
import { FakeSlackApi } from '../../helpers/fake-slack-api.js';
import { dm } from '../../helpers/slack-events.js';
import { postSigned } from '../../helpers/slack-signing.js';
import { startServer, type TestServer } from '../../helpers/start-server.js';
import { SECRET } from './slack-world.js';

let fake: FakeSlackApi | undefined;
let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  await fake?.close();
  server = fake = undefined;
});

/** The server in Slack HTTP mode with short Web API time limits (a task gets 3×), against `api`. */
async function start(api: FakeSlackApi, apiTimeoutMs = 300): Promise<TestServer> {
  return startServer({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: api.apiUrl,
    SLACK_API_TIMEOUT_MS: String(apiTimeoutMs),
  });
}

const send = (s: TestServer, body: unknown) =>
  postSigned(`${s.url}/slack/events`, JSON.stringify(body), {
    secret: SECRET,
    contentType: 'application/json',
  });

async function health(s: TestServer): Promise<{ status: number; body: { slack?: { ready: boolean } } }> {
  const res = await fetch(`${s.url}/healthz`);
  return { status: res.status, body: (await res.json()) as { slack?: { ready: boolean } } };
}

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not true within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('Slack when auth.test hangs at start-up', () => {
  it('answers anyway, says not ready in /healthz, and becomes ready once auth.test answers', async () => {
    fake = await FakeSlackApi.start();
    fake.hang('auth.test', 2);
    server = await start(fake);
    const s = server;
    expect(await health(s)).toMatchObject({ status: 503, body: { slack: { ready: false } } });

    // Messages are answered meanwhile: the token works even though auth.test does not answer.
    expect((await send(s, dm('U1', 'help'))).status).toBe(200);
    await fake.waitFor('chat.postMessage', 1);

    // The background check retries with backoff; the third attempt is answered.
    await until(async () => (await health(s)).status === 200, 15_000);
    expect((await health(s)).body.slack).toEqual({ ready: true });
    expect(fake.callsTo('auth.test#hung')).toHaveLength(2);
    expect(
      s.logs().filter((l) => l.msg === 'slack: auth.test failed; Slack is not ready, retrying'),
    ).toHaveLength(2);
  }, 30_000);
});

describe('Slack when chat.postMessage hangs', () => {
  it('frees the worker pool: after 20 posts that never return, the next message is answered', async () => {
    fake = await FakeSlackApi.start();
    server = await start(fake);
    const s = server;
    fake.hang('chat.postMessage', 20);
    for (let i = 0; i < 20; i += 1) expect((await send(s, dm(`U${100 + i}`, 'help'))).status).toBe(200);
    await fake.waitFor('chat.postMessage#hung', 16);
    expect((await send(s, dm('U999', 'help'))).status).toBe(200);
    const [answered] = await fake.waitFor('chat.postMessage', 1, 15_000);
    expect(answered?.args.channel).toBe('DU999');
    // Each hung post was given up once (no retry: a timed-out post may have landed) and counted.
    expect(fake.callsTo('chat.postMessage#hung')).toHaveLength(20);
    await until(async () => s.platforms.timeouts.slack >= 20, 10_000);
    expect(s.platforms.timeouts.slack).toBe(20);
    expect((await health(s)).body).toMatchObject({ timeouts: { slack: 20 } });
  }, 30_000);
});

describe('Slack when chat.postMessage answers 500 or 429', () => {
  it('retries a 500 and a short Retry-After, and posts the answer once', async () => {
    fake = await FakeSlackApi.start();
    server = await start(fake, 2_000); // room for the 1 s Retry-After inside a task's limit
    const s = server;
    fake.fail('chat.postMessage', 500, { times: 1 });
    expect((await send(s, dm('U700', 'help'))).status).toBe(200);
    await fake.waitFor('chat.postMessage', 2); // the welcome and the help, after one 500
    expect(fake.callsTo('chat.postMessage#500')).toHaveLength(1);

    fake.fail('chat.postMessage', 429, { times: 1, retryAfterSeconds: 1 });
    expect((await send(s, dm('U700', 'help'))).status).toBe(200);
    await fake.waitFor('chat.postMessage', 3);
    expect(fake.callsTo('chat.postMessage#429')).toHaveLength(1);
    expect(fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'DU700')).toHaveLength(3);
    expect(s.platforms.timeouts.slack).toBe(0);
  }, 30_000);
});
