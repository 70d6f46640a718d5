import type { KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotLogin, type BotLogin } from '../helpers/bot-login.js';
import { startCaptureServer, type CaptureServer } from '../helpers/capture-server.js';
import { startServer, type TestServer } from '../helpers/start-server.js';
import { conversation, message, post, SERVED_TENANT } from '../channels/teams/activities.js';

/**
 * With MicrosoftAppId set, Bot Framework JWT validation is on. The Bot Framework login service (an
 * outside system) is stood in for by a local OpenID metadata + JWKS server publishing one signing key;
 * a token signed with that key is the positive control, so the 401s below are due to the forgery.
 */
const APP_ID = '11111111-2222-3333-4444-555555555555';

let cap: CaptureServer;
let s: TestServer;
let login: BotLogin;

beforeAll(async () => {
  cap = await startCaptureServer();
  login = await startBotLogin();
  s = await startServer(
    { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret', ALLOWED_TENANTS: SERVED_TENANT },
    { adapter: { openIdMetadataUrl: login.metadataUrl } },
  );
});
afterAll(async () => {
  await s?.stop();
  await cap?.close();
  await login?.close();
});

function token(key: KeyObject, kid: string, claims: Record<string, unknown> = {}): string {
  return login.token(key, kid, APP_ID, { serviceurl: cap.url, ...claims });
}

function activity() {
  return message({ serviceUrl: cap.url, conv: conversation('personal'), text: 'help' });
}

describe('Bot Framework authentication', () => {
  it('accepts a token signed by the published key (positive control)', async () => {
    const res = await post(s.url, activity(), {
      authorization: `Bearer ${token(login.trustedKey, 'trusted-key')}`,
    });
    // The turn runs; its reply then needs an outbound token from the real login service, which
    // this offline test cannot reach, so we only assert the request was authenticated.
    expect(res.status).not.toBe(401);
    expect(res.status).toBeLessThan(500);
  });

  it('answers 401 to a request with no Authorization header and sends nothing', async () => {
    expect((await post(s.url, activity())).status).toBe(401);
  });

  it('answers 401 to a token signed by an unknown key', async () => {
    const res = await post(s.url, activity(), {
      authorization: `Bearer ${token(login.forgedKey, 'forged-key')}`,
    });
    expect(res.status).toBe(401);
  });

  it('answers 401 to a token claiming the published key id but signed by another key', async () => {
    const res = await post(s.url, activity(), {
      authorization: `Bearer ${token(login.forgedKey, 'trusted-key')}`,
    });
    expect(res.status).toBe(401);
  });

  it('answers 401 to a validly signed token for another bot', async () => {
    const res = await post(s.url, activity(), {
      authorization: `Bearer ${token(login.trustedKey, 'trusted-key', { aud: 'another-bot' })}`,
    });
    expect(res.status).toBe(401);
  });

  it('answers 401 to a malformed Authorization header', async () => {
    const res = await post(s.url, activity(), { authorization: 'Basic dXNlcjpwYXNz' });
    expect(res.status).toBe(401);
  });

  it('never reached the connector for any rejected request', () => {
    // Only the positive control's turn may have tried to reply (and it fails before sending: no token).
    expect(cap.captured).toEqual([]);
  });
});
