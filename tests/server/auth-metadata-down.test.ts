import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCaptureServer, type CaptureServer } from '../helpers/capture-server.js';
import { startServer, type TestServer } from '../helpers/start-server.js';
import { conversation, message, post, SERVED_TENANT } from '../channels/teams/activities.js';

/**
 * The Bot Framework login service (stood in for locally) is down: its OpenID metadata answers 500,
 * or nothing listens. A request with a token cannot be checked, so it is refused (401 or 503), and
 * the answer carries no internal error text (URLs, library messages) for the caller.
 */
const APP_ID = '11111111-2222-3333-4444-555555555555';

function forgedToken(): string {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${enc({ alg: 'RS256', typ: 'JWT', kid: 'some-key' })}.${enc({
    iss: 'https://api.botframework.com',
    aud: APP_ID,
    nbf: now - 60,
    exp: now + 3600,
  })}.${Buffer.from('not a signature').toString('base64url')}`;
}

let cap: CaptureServer;
let broken: Server;
let brokenUrl: string;
beforeAll(async () => {
  cap = await startCaptureServer();
  broken = createServer((_req, res) => {
    res.statusCode = 500;
    res.end('internal failure at login-internal.example:8443');
  });
  await new Promise<void>((r) => broken.listen(0, '127.0.0.1', r));
  brokenUrl = `http://127.0.0.1:${(broken.address() as AddressInfo).port}/v1/.well-known/openidconfiguration`;
});
afterAll(async () => {
  await cap.close();
  broken.closeAllConnections();
  await new Promise((r) => broken.close(r));
});

async function withServer(metadataUrl: string, test: (s: TestServer) => Promise<void>): Promise<void> {
  const s = await startServer(
    { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret', ALLOWED_TENANTS: SERVED_TENANT },
    { adapter: { openIdMetadataUrl: metadataUrl } },
  );
  try {
    await test(s);
  } finally {
    await s.stop();
  }
}

describe('Bot Framework authentication while the OpenID metadata cannot be fetched', () => {
  for (const [name, url] of [
    ['answers 500', () => brokenUrl],
    ['is not listening', () => 'http://127.0.0.1:9/v1/.well-known/openidconfiguration'],
  ] as const) {
    it(`metadata service ${name}: a forged token gets 401 or 503 with no internal text`, async () => {
      await withServer(url(), async (s) => {
        const res = await post(
          s.url,
          message({ serviceUrl: cap.url, conv: conversation('personal'), text: 'help' }),
          { authorization: `Bearer ${forgedToken()}` },
        );
        expect([401, 503]).toContain(res.status);
        const body = await res.text();
        expect(body).not.toMatch(/openid|127\.0\.0\.1|login-internal|Error|at /i);
        expect(cap.captured).toEqual([]);
        // The operator still learns why, from the log.
        const refused = s.logs().filter((l) => l.msg === 'teams: request not authenticated');
        expect(refused).toHaveLength(1);
        expect(String(refused[0]?.reason)).toMatch(/openid|ECONNREFUSED|fetch failed/i);
      });
    });
  }
});
