import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { createTeamsAdapter } from '../src/channels/teams/adapter.js';
import { createTeamsDigestSender } from '../src/channels/teams/digest-sender.js';
import { createDigestService } from '../src/core/digests/load.js';
import { DEFAULT_LIMITS } from '../src/core/digests/throttle.js';
import { MemoryStore } from '../src/core/store/memory-store.js';

const CHANNELS = 1_000;
/** Bot Framework: 7 proactive sends per second per conversation (platform-notes.md). */
const PER_CONVERSATION_PER_S = 7;
/** Share of otherwise-acceptable sends the stand-in throttles anyway (the platform's own load). */
const RANDOM_429 = 0.02;
const RETRY_AFTER_S = 1;
// Monday 23 November 2026, 09:05 London (GMT): five minutes after the default Monday 09:00 schedule.
const DUE = Date.parse('2026-11-23T09:05:00Z');

/**
 * A Bot Framework connector stand-in that enforces 7 sends/s per conversation (a sliding 1 s
 * window; 429 + Retry-After when exceeded) and throttles a few sends at random. Counts accepted
 * posts per conversation, so duplicates and losses are visible.
 */
function rateLimitedConnector() {
  const accepted = new Map<string, number>();
  const windows = new Map<string, number[]>();
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
      if (recent.length >= PER_CONVERSATION_PER_S || Math.random() < RANDOM_429) {
        throttled += 1;
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(RETRY_AFTER_S) });
        res.end(JSON.stringify({ error: { code: 'Throttled', message: 'slow down' } }));
        return;
      }
      recent.push(now);
      windows.set(conv, recent);
      accepted.set(conv, (accepted.get(conv) ?? 0) + 1);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `${conv}-${accepted.get(conv)}` }));
    });
  });
  return {
    accepted,
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

export async function benchDigestFanout(): Promise<boolean> {
  const connector = rateLimitedConnector();
  const serviceUrl = await connector.start();
  let offset = DUE - 7 * 86_400_000 - Date.now();
  const clock = () => new Date(Date.now() + offset);
  const teams = DEFAULT_LIMITS.teams;
  const service = await createDigestService(resolve('content'), {
    store: new MemoryStore(),
    senders: {
      // A real Teams adapter in local mode (no app id): proactive posts go to serviceUrl.
      teams: createTeamsDigestSender(createTeamsAdapter({ appType: 'MultiTenant' }), undefined, {
        timeoutMs: 10_000,
      }),
    },
    clock,
    limits: { teams },
    maxConcurrency: 16,
  });
  const ids = Array.from(
    { length: CHANNELS },
    (_, i) => `19:bench-${String(i).padStart(4, '0')}@thread.tacv2`,
  );
  for (const id of ids)
    await service.subscribe({
      channelKey: `teams:${id}`,
      platform: 'teams',
      reference: {
        channelId: 'msteams',
        serviceUrl,
        bot: { id: '28:bench-bot', name: 'Safeguarding Guide' },
        conversation: { id, conversationType: 'channel', isGroup: true, tenantId: 't1' },
      },
      by: 'bench',
    });
  offset = DUE - Date.now();

  const start = process.hrtime.bigint();
  const report = await service.sendDue();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  await connector.close();

  const sent = report.results.filter((r) => r.outcome === 'sent').length;
  const duplicates = ids.reduce((n, id) => n + Math.max(0, (connector.accepted.get(id) ?? 0) - 1), 0);
  const losses = ids.filter((id) => (connector.accepted.get(id) ?? 0) === 0).length;
  const { throttled, requests } = connector.stats();
  const perConvMin = 1 / PER_CONVERSATION_PER_S; // one post per conversation: never the binding limit
  const perAppPerS = 1000 / teams.perPlatformMs;
  const minSeconds = Math.max(perConvMin, (CHANNELS - 1) / perAppPerS);
  // Met: no duplicate, no loss, and within 25 % of the minimum plus one Retry-After for the random 429s.
  const target = minSeconds * 1.25 + RETRY_AFTER_S;
  const ok = duplicates === 0 && losses === 0 && seconds <= target;
  console.log(
    `\n## Digest fan-out (1 digest → ${CHANNELS} Teams channels, real DigestService + Teams sender)`,
  );
  console.log(
    `connector stand-in: ${PER_CONVERSATION_PER_S} sends/s per conversation (429 + Retry-After ${RETRY_AFTER_S} s beyond), ${RANDOM_429 * 100} % random 429s`,
  );
  console.log(
    `our limits: ${(1000 / teams.perConversationMs).toFixed(1)} sends/s per conversation, ${perAppPerS.toFixed(1)} sends/s per app (platform: ~30–50)`,
  );
  console.log(
    `total ${seconds.toFixed(2)} s  ${(sent / seconds).toFixed(1)} sends/s  sent ${sent}  requests ${requests}  429s answered ${throttled}`,
  );
  console.log(`duplicates ${duplicates}  losses ${losses}`);
  console.log(
    `theoretical minimum ${minSeconds.toFixed(2)} s (per-app limit binds: ${CHANNELS} sends at ${perAppPerS.toFixed(1)}/s); target ≤ ${target.toFixed(2)} s: ${ok ? 'met' : 'MISSED'}`,
  );
  return ok;
}
