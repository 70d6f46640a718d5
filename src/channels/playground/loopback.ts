import { isIP } from 'node:net';
import type { Config } from '../../config.js';

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

/** The playground runs only in local mode (no Bot Framework auth) and only when bound to loopback. */
export function playgroundEnabled(config: Pick<Config, 'localMode' | 'host'>): boolean {
  return config.localMode && isLoopbackHost(config.host);
}
