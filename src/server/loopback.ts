import { isIP } from 'node:net';

/** True for 127.0.0.0/8, ::1 and their IPv4-mapped form. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.toLowerCase().replace(/^::ffff:/, '');
  if (a === '::1') return true;
  return isIP(a) === 4 && a.startsWith('127.');
}

/** A bind host that only this machine can reach (an empty host or 0.0.0.0 is every interface). */
export function isLoopbackHost(host: string): boolean {
  return host.toLowerCase() === 'localhost' || isLoopbackAddress(host.replace(/^\[|\]$/g, ''));
}

/**
 * The Host header of a request to the playground. Checking it stops DNS rebinding: a web page on
 * another site whose name was pointed at 127.0.0.1 would otherwise be same-origin with the playground.
 */
export function isLoopbackHostHeader(hostHeader: string | undefined): boolean {
  if (!hostHeader) return false;
  const match = /^(\[[^\]]+\]|[^:]+)(?::\d{1,5})?$/.exec(hostHeader.trim());
  return match?.[1] !== undefined && isLoopbackHost(match[1]);
}

/**
 * Headers a reverse proxy adds. A proxy on this machine connects from loopback, and may even pass a
 * loopback Host, yet the person behind it is anywhere: such a request is not the local operator.
 */
const PROXY_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'] as const;

export function isProxied(headers: Record<string, string | string[] | undefined>): boolean {
  return PROXY_HEADERS.some((name) => headers[name] !== undefined);
}

/** A request from the operator at this machine: loopback peer, loopback Host, and no proxy in between. */
export function isLocalRequest(req: {
  socket: { remoteAddress?: string };
  headers: Record<string, string | string[] | undefined>;
}): boolean {
  const host = req.headers.host;
  return (
    isLoopbackAddress(req.socket.remoteAddress) &&
    typeof host === 'string' &&
    isLoopbackHostHeader(host) &&
    !isProxied(req.headers)
  );
}
