import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCaptureServer, type CaptureServer } from '../../helpers/capture-server.js';

/** The connector stand-in itself: what later tests (digest retries) rely on. */
let cap: CaptureServer;
beforeAll(async () => {
  cap = await startCaptureServer();
});
afterAll(async () => cap?.close());

const send = (path: string, body: unknown = { type: 'message' }) =>
  fetch(`${cap.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

it('records replies and answers with an id like the connector', async () => {
  const res = await send('/v3/conversations/a%3A1/activities/act-1', { type: 'message', text: 'hi' });
  expect(res.status).toBe(200);
  expect(((await res.json()) as { id: string }).id).toMatch(/\w+/);
  expect(cap.captured.at(-1)).toMatchObject({
    conversationId: 'a:1',
    pathActivityId: 'act-1',
    activity: { text: 'hi' },
  });
});

it('answers planned 429 with Retry-After, then 500, then normal again, recording only the successes', async () => {
  cap.clear();
  cap.plan({ status: 429, retryAfterSeconds: 2 }, { status: 500 });
  const throttled = await send('/v3/conversations/c/activities');
  expect(throttled.status).toBe(429);
  expect(throttled.headers.get('retry-after')).toBe('2');
  expect((await send('/v3/conversations/c/activities')).status).toBe(500);
  expect((await send('/v3/conversations/c/activities')).status).toBe(200);
  expect(cap.requests).toEqual([
    'POST /v3/conversations/c/activities 429',
    'POST /v3/conversations/c/activities 500',
    'POST /v3/conversations/c/activities 200',
  ]);
  expect(cap.captured).toHaveLength(1);
});

it('answers 404 to paths the connector does not have', async () => {
  expect((await send('/v3/nope')).status).toBe(404);
});
