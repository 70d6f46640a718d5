import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { createTeamsAdapter } from '../src/channels/teams/adapter.js';
import { createTeamsDigestSender } from '../src/channels/teams/digest-sender.js';
import { createDigestService } from '../src/core/digests/load.js';
import { DEFAULT_LIMITS } from '../src/core/digests/throttle.js';
import type { DigestService } from '../src/core/digests/service.js';
import { MemoryStore } from '../src/core/store/memory-store.js';
import { namespacedStore } from '../src/core/store/namespaced-store.js';

const CHANNELS = 1_000;
/** The several-partnerships run: each partnership's channels in its own tenant. */
const PARTNERSHIPS = 10;
const CHANNELS_EACH = 100;
/** Bot Framework: 7 proactive sends per second per conversation (platform-notes.md). */
const PER_CONVERSATION_PER_S = 7;
/** Bot Framework: about 30–50 requests per second per app per tenant; the stand-in throttles above 50. */
const PER_TENANT_PER_S = 50;
/** Share of otherwise-acceptable sends the stand-in throttles anyway (the platform's own load). */
const RANDOM_429 = 0.02;
const RETRY_AFTER_S = 1;
// Monday 23 November 2026, 09:05 London (GMT): five minutes after the default Monday 09:00 schedule.
const DUE = Date.parse('2026-11-23T09:05:00Z');

/** The tenant a bench conversation is in: `19:bench-p03-0042@thread.tacv2` is partnership 3's. */
const tenantOf = (conv: string) => /^19:bench-(p\d+)-/.exec(conv)?.[1] ?? 't1';

/**
 * A Bot Framework connector stand-in that enforces 7 sends/s per conversation and 50 per tenant
 * (sliding 1 s windows; 429 + Retry-After when exceeded) and throttles a few sends at random.
 * Counts accepted posts per conversation, so duplicates and losses are visible, and the busiest
 * second of each tenant.
 */
function rateLimitedConnector() {
  const accepted = new Map<string, number>();
  const windows = new Map<string, number[]>();
  const tenantWindows = new Map<string, number[]>();
  const peakPerTenant = new Map<string, number>();
  let throttled = 0;
  let requests = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests += 1;
      const match = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
      if (req.method !== 'POST' || !match) {
        res.writeHead(404).end();
        return;
      }
      const conv = decodeURIComponent(match[1]!);
      const now = Date.now();
      const recent = (windows.get(conv) ?? []).filter((t) => now - t < 1000);
      const tenant = tenantOf(conv);
      const tenantRecent = (tenantWindows.get(tenant) ?? []).filter((t) => now - t < 1000);
      if (
        recent.length >= PER_CONVERSATION_PER_S ||
        tenantRecent.length >= PER_TENANT_PER_S ||
        Math.random() < RANDOM_429
      ) {
        throttled += 1;
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(RETRY_AFTER_S) });
        res.end(JSON.stringify({ error: { code: 'Throttled', message: 'slow down' } }));
        return;
      }
      recent.push(now);
      windows.set(conv, recent);
      tenantRecent.push(now);
      tenantWindows.set(tenant, tenantRecent);
      peakPerTenant.set(tenant, Math.max(peakPerTenant.get(tenant) ?? 0, tenantRecent.length));
      accepted.set(conv, (accepted.get(conv) ?? 0) + 1);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `${conv}-${accepted.get(conv)}` }));
    });
  });
  return {
    accepted,
    peakPerTenant,
    stats: () => ({ throttled, requests }),
    async start(): Promise<string> {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    async close(): Promise<void> {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** Runs both: one partnership to 1,000 channels, then ten partnerships to 100 channels each at once. */
export async function benchDigestFanout(): Promise<boolean> {
  const one = await fanOut(1, CHANNELS);
  const many = await fanOut(PARTNERSHIPS, CHANNELS_EACH);
  return one && many;
}

/**
 * `partnerships` DigestServices (each with its own store namespace, as the server builds them) on
 * one Teams adapter, each subscribing `channelsEach` channels in its own tenant, all sending at once
 * as their schedulers would.
 */
async function fanOut(partnerships: number, channelsEach: number): Promise<boolean> {
  const connector = rateLimitedConnector();
  const serviceUrl = await connector.start();
  let offset = DUE - 7 * 86_400_000 - Date.now();
  const clock = () => new Date(Date.now() + offset);
  const teams = DEFAULT_LIMITS.teams;
  const store = new MemoryStore();
  const sender = createTeamsDigestSender(createTeamsAdapter({ appType: 'MultiTenant' }), undefined, {
    timeoutMs: 10_000,
  });
  const tenants = Array.from({ length: partnerships }, (_, p) => `p${String(p).padStart(2, '0')}`);
  const ids: string[] = [];
  const services: DigestService[] = [];
  for (const tenant of tenants) {
    const service = await createDigestService(resolve('content'), {
      // One partnership alone keeps the keys it always had; several each get their namespace.
      store: partnerships === 1 ? store : namespacedStore(store, tenant),
      // A real Teams adapter in local mode (no app id): proactive posts go to serviceUrl.
      senders: { teams: sender },
      clock,
      limits: { teams },
      maxConcurrency: 16,
    });
    services.push(service);
    for (let i = 0; i < channelsEach; i++) {
      const id =
        partnerships === 1
          ? `19:bench-${String(i).padStart(4, '0')}@thread.tacv2`
          : `19:bench-${tenant}-${String(i).padStart(4, '0')}@thread.tacv2`;
      ids.push(id);
      await service.subscribe({
        channelKey: `teams:${id}`,
        platform: 'teams',
        reference: {
          channelId: 'msteams',
          serviceUrl,
          bot: { id: '28:bench-bot', name: 'Safeguarding Guide' },
          conversation: { id, conversationType: 'channel', isGroup: true, tenantId: tenant },
        },
        by: 'bench',
      });
    }
  }
  offset = DUE - Date.now();

  const start = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  const reports = await Promise.all(services.map((service) => service.sendDue()));
  const cpu = process.cpuUsage(cpuBefore);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  await connector.close();

  const channels = ids.length;
  const results = reports.flatMap((r) => r.results);
  const sent = results.filter((r) => r.outcome === 'sent').length;
  const outcomes = [...new Set(results.map((r) => r.outcome))]
    .map((o) => `${o} ${results.filter((r) => r.outcome === o).length}`)
    .join(', ');
  const duplicates = ids.reduce((n, id) => n + Math.max(0, (connector.accepted.get(id) ?? 0) - 1), 0);
  const losses = ids.filter((id) => (connector.accepted.get(id) ?? 0) === 0).length;
  const { throttled, requests } = connector.stats();
  const peakTenant = Math.max(...connector.peakPerTenant.values());
  const perConvMin = 1 / PER_CONVERSATION_PER_S; // one post per conversation: never the binding limit
  const perAppPerS = 1000 / teams.perPlatformMs;
  // Each partnership's sends are paced on their own (one tenant each): they run side by side.
  const minSeconds = Math.max(perConvMin, (channelsEach - 1) / perAppPerS);
  // Met: no duplicate, no loss, within the per-tenant limit, and within 25 % of the minimum plus
  // one Retry-After for the random 429s.
  const target = minSeconds * 1.25 + RETRY_AFTER_S;
  const ok = duplicates === 0 && losses === 0 && peakTenant <= PER_TENANT_PER_S && seconds <= target;
  const what =
    partnerships === 1
      ? `1 digest → ${channels} Teams channels`
      : `${partnerships} partnerships × ${channelsEach} Teams channels, each partnership in its own tenant, sending at once`;
  console.log(`\n## Digest fan-out (${what}, real DigestService + Teams sender)`);
  console.log(
    `connector stand-in: ${PER_CONVERSATION_PER_S} sends/s per conversation and ${PER_TENANT_PER_S} per tenant (429 + Retry-After ${RETRY_AFTER_S} s beyond), ${RANDOM_429 * 100} % random 429s`,
  );
  console.log(
    `our limits: ${(1000 / teams.perConversationMs).toFixed(1)} sends/s per conversation, ${perAppPerS.toFixed(1)} sends/s per app per partnership (platform: ~30–50 per tenant)`,
  );
  console.log(
    `total ${seconds.toFixed(2)} s  ${(sent / seconds).toFixed(1)} sends/s  sent ${sent}  requests ${requests}  429s answered ${throttled}  busiest tenant second ${peakTenant} sends`,
  );
  console.log(
    `outcomes: ${outcomes}; load average at the end ${loadavg()[0]?.toFixed(2)} on ${availableParallelism()} cores`,
  );
  console.log(
    `duplicates ${duplicates}  losses ${losses}  CPU ${cpuSeconds.toFixed(2)} s (${((cpuSeconds / Math.max(1, sent)) * 1000).toFixed(1)} ms a send, this process and the stand-in together)`,
  );
  console.log(
    `theoretical minimum ${minSeconds.toFixed(2)} s (per-app limit binds: ${channelsEach} sends at ${perAppPerS.toFixed(1)}/s per partnership); target ≤ ${target.toFixed(2)} s: ${ok ? 'met' : 'MISSED'}`,
  );
  return ok;
}
