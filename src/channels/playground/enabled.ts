import type { Config } from '../../config.js';

/**
 * Whether the playground is mounted: `PLAYGROUND` (on by default in local mode only). Every
 * playground route then still answers only local requests (isLocalRequest), whatever the bind address.
 */
export function playgroundEnabled(config: Pick<Config, 'playground'>): boolean {
  return config.playground;
}
