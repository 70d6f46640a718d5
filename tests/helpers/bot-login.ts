import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the Bot Framework login service (an outside system): OpenID metadata and a
 * JWKS publishing one signing key, and tokens signed as the channel would sign them. `token` with
 * `forgedKey` signs with a key nobody published.
 */
export const BOT_ISSUER = 'https://api.botframework.com';

export interface BotLogin {
  /** The OpenID metadata URL (AdapterOverrides.openIdMetadataUrl). */
  metadataUrl: string;
  trustedKey: KeyObject;
  forgedKey: KeyObject;
  /** A signed Bot Framework token for `appId`, valid now; `claims` override or add claims. */
  token(key: KeyObject, kid: string, appId: string, claims?: Record<string, unknown>): string;
  close(): Promise<void>;
}

export async function startBotLogin(): Promise<BotLogin> {
  const trusted = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const forged = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const server: Server = createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    res.setHeader('content-type', 'application/json');
    if (req.url === '/v1/.well-known/openidconfiguration') {
      res.end(
        JSON.stringify({
          issuer: BOT_ISSUER,
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
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    metadataUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/.well-known/openidconfiguration`,
    trustedKey: trusted.privateKey,
    forgedKey: forged.privateKey,
    token(key, kid, appId, claims = {}) {
      const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const now = Math.floor(Date.now() / 1000);
      const head = enc({ alg: 'RS256', typ: 'JWT', kid });
      const body = enc({ iss: BOT_ISSUER, aud: appId, nbf: now - 60, exp: now + 3600, ...claims });
      const signature = createSign('RSA-SHA256').update(`${head}.${body}`).sign(key).toString('base64url');
      return `${head}.${body}.${signature}`;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
