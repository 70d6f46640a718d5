import type { Next, Request, RequestHandler, Response, Server } from 'restify';
import type { Asset } from './assets.js';
import { isLocalRequest } from '../../server/loopback.js';

/** The page runs only its own scripts; card text can never become markup that runs. */
export const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

export const NOT_FOUND = { code: 'not_found', message: 'Not found.' };

/**
 * First handler of every playground route: the operator at this machine only (loopback peer and Host,
 * no proxy headers). Anyone else sees no playground at all, and their body is never parsed.
 */
export const localOnly: RequestHandler = (req: Request, res: Response, next: Next) => {
  if (isLocalRequest(req)) return next();
  res.send(404, NOT_FOUND);
  return next(false);
};

export async function sendAsset(res: Response, asset: Asset): Promise<void> {
  const content = await asset.load();
  if (!content) {
    res.send(404, NOT_FOUND);
    return;
  }
  res.writeHead(200, { ...PAGE_HEADERS, 'content-type': asset.type, 'content-length': content.length });
  res.end(content);
}

/** JSON that is never cached (it holds live figures). */
export function sendFresh(res: Response, body: unknown): void {
  res.header('cache-control', 'no-store');
  res.header('x-content-type-options', 'nosniff');
  res.send(200, body);
}

/**
 * This server's own address as the bot should call it back: the bound address, or loopback when bound
 * to every interface. Never the page's Host (a name like localhost may resolve to another address).
 */
export function selfBase(server: Server): string {
  const address = server.address();
  const ipv6 = address.family === 'IPv6';
  const unspecified = address.address === '0.0.0.0' || address.address === '::';
  const host = unspecified ? (ipv6 ? '[::1]' : '127.0.0.1') : ipv6 ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}
