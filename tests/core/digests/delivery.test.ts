import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ledgerKey, type LedgerRecord } from '../../../src/core/digests/ledger.js';
import { TeamsDigestSender, type DigestActivity } from '../../../src/channels/teams/digest-delivery.js';
import type { DigestService } from '../../../src/core/digests/service.js';
import { MemoryStore } from '../../../src/core/store/memory-store.js';
import { FakeSlackApi } from '../../helpers/fake-slack-api.js';
import { service, slackSender, TestClock } from './harness.js';

// Monday 23 November 2026 (2026-W48), 09:05 GMT: five minutes after the default schedule.
const DUE = '2026-11-23T09:05:00Z';
const PERIOD = '2026-W48';
const CHANNELS = ['C0001', 'C0002', 'C0003', 'C0004'];

let api: FakeSlackApi;
let apiUrl: string;
let store: MemoryStore;
let clock: TestClock;

async function subscribeAll(svc: DigestService, channels = CHANNELS) {
  clock.set('2026-11-16T12:00:00Z'); // subscribed the week before
  for (const c of channels)
    await svc.subscribe({
      channelKey: `slack:${c}`,
      platform: 'slack',
      reference: { channel: c },
      by: 'UADMIN',
    });
  clock.set(DUE);
}

function onePostEach(channels = CHANNELS) {
  for (const c of channels) {
    const posts = api.postsTo(c);
    expect(posts, c).toHaveLength(1);
    expect(posts[0]!.metadata).toMatchObject({ event_type: 'digest', event_payload: { period: PERIOD } });
  }
}

beforeEach(async () => {
  clock = new TestClock(DUE);
  api = await FakeSlackApi.start({ now: () => clock.now().getTime() });
  apiUrl = api.apiUrl;
  store = new MemoryStore();
});

afterEach(async () => {
  await api.close();
});

describe('exactly-once delivery to Slack over HTTP', () => {
  it('running send twice posts one digest per channel', async () => {
    const svc = await service(store, clock, { slack: slackSender(apiUrl) });
    await subscribeAll(svc);
    const first = await svc.sendDue();
    expect(first.results.map((r) => r.outcome)).toEqual(['sent', 'sent', 'sent', 'sent']);
    const second = await svc.sendDue();
    expect(second.results.map((r) => r.outcome)).toEqual([
      'already-sent',
      'already-sent',
      'already-sent',
      'already-sent',
    ]);
    onePostEach();
    expect((await svc.status())[0]!.lastSent?.period).toBe(PERIOD);
  });

  it('two services sending at once on one store post once per channel', async () => {
    const a = await service(store, clock, { slack: slackSender(apiUrl) });
    const b = await service(store, clock, { slack: slackSender(apiUrl) });
    await subscribeAll(a);
    const [ra, rb] = await Promise.all([a.sendDue(), b.sendDue()]);
    const outcomes = [...ra.results, ...rb.results].map((r) => r.outcome).sort();
    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(CHANNELS.length);
    onePostEach();
  });

  it('429 with Retry-After, 500s, a timeout and a post whose answer was lost: one digest each', async () => {
    const svc = await service(store, clock, { slack: slackSender(apiUrl, 300) });
    await subscribeAll(svc);
    api.faults.set('C0001', [{ kind: 'status', status: 429, retryAfter: '1' }]);
    api.faults.set('C0002', [
      { kind: 'status', status: 500 },
      { kind: 'status', status: 500 },
    ]);
    api.faults.set('C0003', [{ kind: 'hang' }]);
    api.faults.set('C0004', [{ kind: 'post-then-status', status: 502 }]);
    const report = await svc.sendDue();
    expect(report.results.map((r) => r.outcome)).toEqual(['sent', 'sent', 'sent', 'sent']);
    onePostEach();
    expect(api.statusesTo('chat.postMessage', 'C0001')).toEqual([429, 200]);
    expect(api.statusesTo('chat.postMessage', 'C0002')).toEqual([500, 500, 200]);
    expect(api.statusesTo('chat.postMessage', 'C0003')).toEqual([0, 200]);
    // The lost answer was found in channel history, not posted again.
    expect(api.statusesTo('chat.postMessage', 'C0004')).toHaveLength(1);
  });

  it('a process that dies after posting but before recording: the restarted one finds the post', async () => {
    const dying = await service(store, clock, { slack: slackSender(apiUrl, 120_000) });
    await subscribeAll(dying, ['C0001']);
    api.faults.set('C0001', [{ kind: 'post-then-hang' }]);
    const abandoned = dying.sendDue().catch(() => undefined);
    await expect.poll(() => api.postsTo('C0001').length).toBe(1);
    expect((await store.get<LedgerRecord>(ledgerKey('slack:C0001', PERIOD)))?.value.state).toBe('sending');

    clock.advance(11 * 60_000); // restarted after the 10-minute lease
    const restarted = await service(store, clock, { slack: slackSender(apiUrl) });
    expect((await restarted.sendDue()).results.map((r) => r.outcome)).toEqual(['recovered']);
    expect((await restarted.sendDue()).results.map((r) => r.outcome)).toEqual(['already-sent']);
    await api.close(); // the dead process's socket closes
    await abandoned;
    onePostEach(['C0001']);
    expect((await store.get<LedgerRecord>(ledgerKey('slack:C0001', PERIOD)))?.value.state).toBe('sent');
    api = await FakeSlackApi.start();
  });

  it('a process that dies before posting: the restarted one posts once, with the same item', async () => {
    const svc = await service(store, clock, { slack: slackSender(apiUrl) });
    await subscribeAll(svc, ['C0001']);
    const stale: LedgerRecord = {
      state: 'sending',
      attemptId: 'dead',
      at: new Date(Date.parse(DUE) - 11 * 60_000).toISOString(),
      itemId: 'theme-hackett-continuum',
      runs: 1,
    };
    await store.put(ledgerKey('slack:C0001', PERIOD), stale);
    expect((await svc.sendDue()).results.map((r) => r.outcome)).toEqual(['sent']);
    onePostEach(['C0001']);
    expect(api.postsTo('C0001')[0]!.text).toContain('Hackett');
  });

  it('a run still inside its lease is left alone', async () => {
    const svc = await service(store, clock, { slack: slackSender(apiUrl) });
    await subscribeAll(svc, ['C0002']);
    const alive: LedgerRecord = {
      state: 'sending',
      attemptId: 'alive',
      at: new Date(Date.parse(DUE) - 60_000).toISOString(),
      itemId: 'theme-mappa',
      runs: 1,
    };
    await store.put(ledgerKey('slack:C0002', PERIOD), alive);
    expect((await svc.sendDue()).results.map((r) => r.outcome)).toEqual(['in-flight']);
    expect(api.posts).toHaveLength(0);
  });

  it('a channel that fails three periods in a row is marked failing, reported, and skipped', async () => {
    const svc = await service(store, clock, { slack: slackSender(apiUrl) });
    await subscribeAll(svc, ['C0009']);
    for (const [i, when] of [
      '2026-11-23T09:05:00Z',
      '2026-11-30T09:05:00Z',
      '2026-12-07T09:05:00Z',
    ].entries()) {
      clock.set(when);
      api.faults.set('C0009', [{ kind: 'status', status: 404 }]);
      const outcome = (await svc.sendDue()).results[0]?.outcome;
      expect(outcome, `week ${i}`).toBe('gave-up');
    }
    const failures = await svc.failures();
    expect(failures.find((f) => f.kind === 'failing')).toMatchObject({
      channelKey: 'slack:C0009',
      period: '2026-W50',
    });
    expect(failures.filter((f) => f.kind === 'failed-period')).toHaveLength(3);
    clock.set('2026-12-14T09:05:00Z');
    expect((await svc.sendDue()).results).toEqual([]);
    expect(api.posts).toHaveLength(0);
    // Subscribing again clears the mark.
    await svc.subscribe({
      channelKey: 'slack:C0009',
      platform: 'slack',
      reference: { channel: 'C0009' },
      by: 'UADMIN',
    });
    expect((await svc.failures()).some((f) => f.kind === 'failing')).toBe(false);
  });
});

describe('Teams: no way to read back a post', () => {
  let capture: Server;
  let captureUrl: string;
  const received: { conversation: string; activity: DigestActivity }[] = [];

  beforeEach(async () => {
    received.length = 0;
    capture = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({
          conversation: decodeURIComponent(req.url!.split('/')[3]!),
          activity: JSON.parse(body) as DigestActivity,
        });
        res
          .writeHead(201, { 'content-type': 'application/json' })
          .end(JSON.stringify({ id: `act-${received.length}` }));
      });
    });
    await new Promise<void>((r) => capture.listen(0, '127.0.0.1', r));
    captureUrl = `http://127.0.0.1:${(capture.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    capture.closeAllConnections();
    await new Promise((r) => capture.close(r));
  });

  function teamsSender() {
    return new TeamsDigestSender({
      renderCard: (reply) => ({
        type: 'AdaptiveCard',
        version: '1.5',
        body: [{ type: 'TextBlock', text: reply.title }],
      }),
      continueConversation: async (reference, activity) => {
        const ref = reference as { serviceUrl: string; conversation: { id: string } };
        const res = await fetch(
          `${ref.serviceUrl}/v3/conversations/${encodeURIComponent(ref.conversation.id)}/activities`,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(activity),
          },
        );
        if (!res.ok) throw Object.assign(new Error('connector'), { statusCode: res.status });
        return (await res.json()) as { id: string };
      },
    });
  }

  it('holds a crashed send for an admin instead of risking a second post, then sends once when told', async () => {
    const svc = await service(store, clock, { teams: teamsSender() });
    clock.set('2026-11-16T12:00:00Z');
    const reference = { serviceUrl: captureUrl, conversation: { id: '19:abc@thread.tacv2' } };
    await svc.subscribe({
      channelKey: 'teams:19:abc@thread.tacv2',
      platform: 'teams',
      reference,
      by: 'admin',
    });
    clock.set(DUE);
    await store.put(ledgerKey('teams:19:abc@thread.tacv2', PERIOD), {
      state: 'sending',
      attemptId: 'dead',
      at: new Date(Date.parse(DUE) - 11 * 60_000).toISOString(),
      itemId: 'theme-mappa',
      runs: 1,
    } satisfies LedgerRecord);
    expect((await svc.sendDue()).results.map((r) => r.outcome)).toEqual(['unknown']);
    expect((await svc.sendDue()).results.map((r) => r.outcome)).toEqual(['unknown']);
    expect(received).toHaveLength(0);
    expect((await svc.failures()).map((f) => f.kind)).toEqual(['unknown-outcome']);
    expect(await svc.resolveUnknown('teams:19:abc@thread.tacv2', PERIOD, false)).toBe(true);
    expect((await svc.sendDue()).results.map((r) => r.outcome)).toEqual(['sent']);
    expect((await svc.sendDue()).results.map((r) => r.outcome)).toEqual(['already-sent']);
    expect(received).toHaveLength(1);
    expect(received[0]!.conversation).toBe('19:abc@thread.tacv2');
    expect(received[0]!.activity.attachments[0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect((await svc.status())[0]!.lastSent).toMatchObject({ period: PERIOD, messageId: 'act-1' });
  });
});
