import type { Server } from 'restify';
import type { Store } from '../core/store/store.js';

export interface HealthDeps {
  store: Store;
  /** Number of guidance items loaded (0 means the content pack did not load). */
  contentItems: () => number;
}

export interface HealthReport {
  status: 'ok' | 'degraded';
  content: { items: number };
  store: { writable: boolean };
}

export async function checkHealth(deps: HealthDeps): Promise<HealthReport> {
  const items = deps.contentItems();
  const writable = await deps.store.healthy().catch(() => false);
  return { status: items > 0 && writable ? 'ok' : 'degraded', content: { items }, store: { writable } };
}

/** GET /healthz: 200 when content is loaded and the store is writable, else 503 (same JSON). */
export function mountHealth(server: Server, deps: HealthDeps): void {
  server.get('/healthz', async (_req, res) => {
    const report = await checkHealth(deps);
    res.send(report.status === 'ok' ? 200 : 503, report);
  });
}
