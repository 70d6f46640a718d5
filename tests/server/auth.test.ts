import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCaptureServer, type CaptureServer } from '../helpers/capture-server.js';
import { startServer, type TestServer } from '../helpers/start-server.js';
import { conversation, message, post, SERVED_TENANT } from '../channels/teams/activities.js';

/**
 * With MicrosoftAppId set, Bot Framework JWT validation is on. The Bot Framework login service (an
 * outside system) is stood in for by a local OpenID metadata + JWKS server publishing one signing key;
 * a token signed with that key is the positive control, so the 401s below are due to the forgery.
 */
const APP_ID = '11111111-2222-3333-4444-555555555555';
const ISSUER = 'https://api.botframework.com';

let cap: CaptureServer;
let s: TestServer;
let login: Server;
const trusted = generateKeyPairSync('rsa', { modulusLength: 2048 });
const attacker = generateKeyPairSync('rsa', { modulusLength: 2048 });

beforeAll(async () => {
  cap = await startCaptureServer();
  login = createServer((req, res) => {
    const base = `http://127.0.0.1:${(login.address() as AddressInfo).port}`;
    res.setHeader('content-type', 'application/json');
    if (req.url === '/v1/.well-known/openidconfiguration') {
      res.end(
        JSON.stringify({
          issuer: ISSUER,
          jwks_uri: `${base}/keys`,
          id_token_signing_alg_values_supported: ['RS256'],
        }),
      );
    } else if (req.url === '/keys') {
      const jwk = trusted.publicKey.export({ format: 'jwk' });
      res.end(
        JSON.stringify({
          keys: [{ ...jwk, kty: 'RSA', use: 'sig', kid: 'trusted-key', endorsements: ['msteams'] }],
        }),
      );
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((r) => login.listen(0, '127.0.0.1', r));
  const metadata = `http://127.0.0.1:${(login.address() as AddressInfo).port}/v1/.well-known/openidconfiguration`;
  s = await startServer(
    { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret', ALLOWED_TENANTS: SERVED_TENANT },
    { adapter: { openIdMetadataUrl: metadata } },
  );
});
afterAll(async () => {
  await s?.stop();
  await cap?.close();
  login?.closeAllConnections();
  await new Promise((r) => login?.close(r));
});

function token(key: KeyObject, kid: string, claims: Record<string, unknown> = {}): string {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const head = enc({ alg: 'RS256', typ: 'JWT', kid });
  const body = enc({
    iss: ISSUER,
    aud: APP_ID,
    serviceurl: cap.url,
    nbf: now - 60,
    exp: now + 3600,
    ...claims,
  });
  const signature = createSign('RSA-SHA256').update(`${head}.${body}`).sign(key).toString('base64url');
  return `${head}.${body}.${signature}`;
}

function activity() {
  return message({ serviceUrl: cap.url, conv: conversation('personal'), text: 'help' });
}

describe('Bot Framework authentication', () => {
  it('accepts a token signed by the published key (positive control)', async () => {
    const res = await post(s.url, activity(), {
      authorization: `Bearer ${token(trusted.privateKey, 'trusted-key')}`,
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
      authorization: `Bearer ${token(attacker.privateKey, 'forged-key')}`,
    });
    expect(res.status).toBe(401);
  });

  it('answers 401 to a token claiming the published key id but signed by another key', async () => {
    const res = await post(s.url, activity(), {
      authorization: `Bearer ${token(attacker.privateKey, 'trusted-key')}`,
    });
    expect(res.status).toBe(401);
  });

  it('answers 401 to a validly signed token for another bot', async () => {
    const res = await post(s.url, activity(), {
      authorization: `Bearer ${token(trusted.privateKey, 'trusted-key', { aud: 'another-bot' })}`,
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
