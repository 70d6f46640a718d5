import type { Server } from 'restify';
import type { Store } from '../core/store/store.js';
import type { PlatformStatus } from './platform-status.js';

export interface HealthDeps {
  store: Store;
  /** Number of guidance items loaded (0 means the content pack did not load). */
  contentItems: () => number;
  platforms: PlatformStatus;
}

export interface HealthReport {
  status: 'ok' | 'degraded';
  content: { items: number };
  store: { writable: boolean };
  /** Present when Slack is configured: ready once Slack has confirmed the bot token. */
  slack?: { ready: boolean };
  /** Replies cut off by a platform time limit since start. */
  timeouts: { teams: number; slack: number };
}

export async function checkHealth(deps: HealthDeps): Promise<HealthReport> {
  const items = deps.contentItems();
  const writable = await deps.store.healthy().catch(() => false);
  const slackReady = deps.platforms.slackReady;
  const ok = items > 0 && writable && slackReady !== false;
  return {
    status: ok ? 'ok' : 'degraded',
    content: { items },
    store: { writable },
    ...(slackReady !== undefined && { slack: { ready: slackReady } }),
    timeouts: { ...deps.platforms.timeouts },
  };
}

/** GET /healthz: 200 when content is loaded, the store is writable and Slack (if on) is ready, else 503. */
export function mountHealth(server: Server, deps: HealthDeps): void {
  server.get('/healthz', async (_req, res) => {
    const report = await checkHealth(deps);
    res.send(report.status === 'ok' ? 200 : 503, report);
  });
}
