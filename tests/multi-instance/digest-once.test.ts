import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTeamsAdapter } from '../../src/channels/teams/adapter.js';
import { createTeamsDigestSender } from '../../src/channels/teams/digest-sender.js';
import { startScheduler, type RunningScheduler } from '../../src/core/digests/scheduler.js';
import type { DigestService } from '../../src/core/digests/service.js';
import { openPostgresStore, type PostgresStore } from '../../src/core/store/postgres-store.js';
import { service, TestClock } from '../core/digests/harness.js';
import { startCaptureServer, type CaptureServer } from '../helpers/capture-server.js';
import { describePostgres, dropSchema, testSchema } from '../helpers/postgres.js';

// Monday 23 November 2026, 09:05 GMT: five minutes after the pack's default Monday 09:00 schedule.
const DUE = '2026-11-23T09:05:00Z';
const CHANNELS = ['19:alpha@thread.tacv2', '19:bravo@thread.tacv2', '19:charlie@thread.tacv2'];

/**
 * Each server instance runs this same scheduler (src/server/app.ts); with a fixed clock it is run here
 * in process: each instance's DigestService over its own PostgreSQL connection pool, both on one database, posting through a
 * real Teams adapter (local mode) to one capture server standing in for the Bot Framework connector.
 */
describePostgres('two instances sending digests on one PostgreSQL database', (url) => {
  let schema: string;
  let stores: PostgresStore[];
  let services: DigestService[];
  let capture: CaptureServer;
  let clock: TestClock;

  beforeEach(async () => {
    schema = testSchema();
    capture = await startCaptureServer();
    clock = new TestClock('2026-11-16T12:00:00Z');
    stores = await Promise.all([0, 1].map(() => openPostgresStore(url, { schema, maxConnections: 4 })));
    services = await Promise.all(
      stores.map((store) =>
        service(store, clock, {
          teams: createTeamsDigestSender(createTeamsAdapter({ appType: 'MultiTenant' }), undefined),
        }),
      ),
    );
    // Subscribed the week before, through instance A; instance B sees it through the database.
    for (const id of CHANNELS)
      await services[0]!.subscribe({
        channelKey: `teams:${id}`,
        platform: 'teams',
        reference: {
          channelId: 'msteams',
          serviceUrl: capture.url,
          bot: { id: '28:bot-app-id', name: 'Safeguarding Guide' },
          conversation: { id, conversationType: 'channel', isGroup: true, tenantId: 't1' },
        },
        by: '29:admin',
      });
    clock.set(DUE);
  });

  afterEach(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await capture.close();
    await dropSchema(url, schema);
  });

  function expectOnePostPerChannel(): void {
    for (const id of CHANNELS) {
      const posts = capture.for(id);
      expect(posts, id).toHaveLength(1);
      expect(posts[0]!.method).toBe('POST');
    }
    expect(capture.captured).toHaveLength(CHANNELS.length);
  }

  it('both schedulers fire at once: one leader, exactly one digest per channel', async () => {
    const reports: number[] = [];
    const errors: unknown[] = [];
    const schedulers: RunningScheduler[] = services.map((svc) =>
      startScheduler({
        service: svc,
        intervalMs: 60_000,
        onReport: (r) => reports.push(r.results.filter((x) => x.outcome === 'sent').length),
        onError: (error) => errors.push(error),
      }),
    );
    await Promise.all(schedulers.map((s) => s.firstRun));
    await Promise.all(schedulers.map((s) => s.stop()));
    expect(errors).toEqual([]);
    expectOnePostPerChannel();
    expect(reports.reduce((a, b) => a + b, 0)).toBe(CHANNELS.length);
  });

  it('both instances run sendDue concurrently (no leader): the ledger still allows one digest per channel', async () => {
    const results = await Promise.all(services.map((svc) => svc.sendDue()));
    const outcomes = results.flatMap((r) => r.results.map((x) => x.outcome));
    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(CHANNELS.length);
    expectOnePostPerChannel();
    // And again later from either instance: nothing more goes out this period.
    await Promise.all(services.map((svc) => svc.sendDue()));
    expectOnePostPerChannel();
  });
});
