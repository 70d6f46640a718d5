import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handleDigestCommand, parseDigestCommand } from '../../../src/core/digests/commands.js';
import { loadDigestPool } from '../../../src/core/digests/pool.js';
import { startScheduler } from '../../../src/core/digests/scheduler.js';
import { channelKeyFor } from '../../../src/core/digests/subscriptions.js';
import { MemoryStore } from '../../../src/core/store/memory-store.js';
import { run } from '../../../src/cli/digest.js';
import { FakeSlackApi } from '../../helpers/fake-slack-api.js';
import { contentDir, service, slackSender, TestClock } from './harness.js';

const admin = { userId: 'UADMIN', isAdmin: true };
const channel = { conversationId: 'C0777', kind: 'channel' as const };

describe('digest command parsing', () => {
  it('reads day, time and focus tags in any order, with defaults left unset', () => {
    expect(parseDigestCommand(['subscribe'])).toEqual({ op: 'subscribe' });
    expect(parseDigestCommand(['subscribe', 'Wed', '8:30'])).toEqual({
      op: 'subscribe',
      day: 'wednesday',
      time: '08:30',
    });
    expect(
      parseDigestCommand(['subscribe', 'on', 'fridays', 'at', '14:00', 'focus', 'online,', 'nudes']),
    ).toEqual({
      op: 'subscribe',
      day: 'friday',
      time: '14:00',
      focusTags: ['online', 'nudes'],
    });
    expect(parseDigestCommand(['subscribe', '25:00'])).toMatchObject({ op: 'invalid' });
    expect(parseDigestCommand(['unsubscribe'])).toEqual({ op: 'unsubscribe' });
    expect(parseDigestCommand(['status'])).toEqual({ op: 'status' });
    expect(parseDigestCommand(['preview'])).toEqual({ op: 'preview' });
    expect(parseDigestCommand(['frobnicate'])).toMatchObject({ op: 'invalid' });
  });

  // The Teams channel drops a thread's ;messageid= before core sees the id (tests/e2e/digest-commands).
  it('keys channels by platform and escapes slashes', () => {
    expect(channelKeyFor('teams', '19:abc@thread.tacv2')).toBe('teams:19:abc@thread.tacv2');
    expect(channelKeyFor('slack', 'C1/2')).toBe('slack:C1%2F2');
  });
});

describe('digest commands', () => {
  let store: MemoryStore;
  let clock: TestClock;
  beforeEach(() => {
    store = new MemoryStore();
    clock = new TestClock('2026-11-25T10:00:00Z');
  });

  it('refuses non-admins clearly and changes nothing', async () => {
    const svc = await service(store, clock, {});
    const reply = await handleDigestCommand(svc, ['subscribe'], {
      actor: { userId: 'U1', isAdmin: false },
      place: channel,
      platform: 'slack',
      reference: { channel: 'C0777' },
    });
    expect(reply.title).toBe('Only partnership admins can manage digests');
    expect(await svc.status()).toEqual([]);
  });

  it('subscribes with the pack default (Monday 09:00 Europe/London), then reports status and unsubscribes', async () => {
    const svc = await service(store, clock, {});
    const ctx = { actor: admin, place: channel, platform: 'slack' as const, reference: { channel: 'C0777' } };
    const reply = await handleDigestCommand(svc, ['subscribe'], ctx);
    expect(reply.title).toBe('Digest subscribed');
    const [status] = await svc.status();
    expect(status!.subscription).toMatchObject({
      channelKey: 'slack:C0777',
      schedule: { day: 'monday', time: '09:00', timeZone: 'Europe/London' },
      createdBy: 'UADMIN',
    });
    expect(status!.next).toEqual({ period: '2026-W49', at: '2026-11-30T09:00:00.000Z' });
    const statusReply = await handleDigestCommand(svc, ['status'], ctx);
    expect(statusReply.sections[0]!.lines[1]).toMatch(/Monday,? 30 November 2026/);
    expect((await handleDigestCommand(svc, ['unsubscribe'], ctx)).title).toBe('Digest stopped');
    expect(await svc.status()).toEqual([]);
  });

  it('uses the remembered conversation when the turn has no reference, and refuses personal chats', async () => {
    const svc = await service(store, clock, {});
    const ctx = {
      actor: admin,
      place: { conversationId: '19:x@thread.tacv2', kind: 'channel' as const },
      platform: 'teams' as const,
    };
    expect((await handleDigestCommand(svc, ['subscribe', 'tuesday', '07:30'], ctx)).title).toBe(
      'I can’t post here yet',
    );
    await svc.rememberConversation('teams:19:x@thread.tacv2', 'teams', {
      conversation: { id: '19:x@thread.tacv2' },
    });
    expect((await handleDigestCommand(svc, ['subscribe', 'tuesday', '07:30'], ctx)).title).toBe(
      'Digest subscribed',
    );
    expect((await svc.subscription('teams:19:x@thread.tacv2'))?.schedule).toMatchObject({
      day: 'tuesday',
      time: '07:30',
    });
    const personal = await handleDigestCommand(svc, ['subscribe'], {
      ...ctx,
      place: { conversationId: 'a:1', kind: 'personal' },
    });
    expect(personal.title).toBe('Use this in a channel');
  });

  it('preview shows an admin the digest the channel would get', async () => {
    const svc = await service(store, clock, {});
    const reply = await handleDigestCommand(svc, ['preview'], {
      actor: admin,
      place: channel,
      platform: 'slack',
    });
    expect(reply.kind).toBe('digest');
    expect(reply.actions[0]).toMatchObject({ kind: 'ask', label: 'Ask about this' });
  });
});

describe('scheduler', () => {
  let api: FakeSlackApi;
  afterEach(async () => api.close());

  it('on start-up sends a digest missed during downtime once, and stops cleanly', async () => {
    const clock = new TestClock('2026-11-16T12:00:00Z');
    api = await FakeSlackApi.start({ now: () => clock.now().getTime() });
    const url = api.apiUrl;
    const store = new MemoryStore();
    const svc = await service(store, clock, { slack: slackSender(url) });
    await svc.subscribe({ channelKey: 'slack:C0100', platform: 'slack', reference: 'C0100', by: 'UADMIN' });
    clock.set('2026-11-24T15:00:00Z'); // down over Monday 09:00, back on Tuesday afternoon
    const reports: string[] = [];
    const scheduler = startScheduler({
      service: svc,
      intervalMs: 20,
      onReport: (r) => reports.push(...r.results.map((x) => x.outcome)),
    });
    await scheduler.firstRun;
    await expect.poll(() => reports.length).toBeGreaterThanOrEqual(3);
    await scheduler.stop();
    expect(reports[0]).toBe('sent');
    expect(reports.slice(1).every((o) => o === 'already-sent')).toBe(true);
    expect(api.postsTo('C0100')).toHaveLength(1);
  });
});

describe('pool validation', () => {
  it('names the file and field of each problem', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'audits-'));
    await writeFile(
      join(dir, 'bad-audit.md'),
      [
        '---',
        'id: bad-audit',
        'title: A bad audit file',
        'kind: audit',
        'source: nyscp-hsb-audit',
        'date: null',
        'owner: Someone',
        'reviewed: 2026-11-01',
        'review_by: 2026-10-01',
        'digest_items:',
        '  - id: ok-item',
        '    theme: t',
        '    tags: [a]',
        '    title: Fine title',
        `    learning: "${'x'.repeat(80)}"`,
        `    for_your_practice: "${'y'.repeat(40)}"`,
        `    this_week: "${'z'.repeat(30)}"`,
        '    ask: Not a question',
        '    source: { doc: made-up-doc }',
        '---',
        '',
      ].join('\n'),
    );
    const { errors } = await loadDigestPool(dir, { documentKeys: ['nyscp-hsb-audit'] });
    expect(errors).toEqual([
      { file: 'bad-audit.md', field: 'review_by', message: 'review_by must be after reviewed' },
    ]);
    await writeFile(
      join(dir, 'bad-audit.md'),
      (await readFile(join(dir, 'bad-audit.md'), 'utf8')).replace('2026-10-01', '2027-10-01'),
    );
    const second = await loadDigestPool(dir, { documentKeys: ['nyscp-hsb-audit'] });
    expect(second.errors.map((e) => `${e.file} ${e.field}`)).toEqual(['bad-audit.md digest_items[0].ask']);
  });

  it('the shipped audits load without errors', async () => {
    const { items, errors } = await loadDigestPool(join(contentDir, 'audits'), {
      documentKeys: ['nyscp-hsb-audit'],
    });
    // Only the audit's own document is allowed here, so every national theme is reported by file and field.
    expect(items.every((i) => i.source.doc === 'nyscp-hsb-audit')).toBe(true);
    expect(errors.length).toBeGreaterThan(0);
    expect(
      errors.every(
        (e) => e.file === 'guidance-themes.md' && /^digest_items\[\d+\]\.source\.doc$/.test(e.field),
      ),
    ).toBe(true);
  });
});

describe('CLI', () => {
  it('preview and status print plain text from the configured content', async () => {
    const out: string[] = [];
    const store = new MemoryStore();
    const io = {
      out: (l: string) => out.push(l),
      err: () => {},
      env: { CONTENT_DIR: contentDir },
      store,
      clock: () => new Date('2026-11-25T10:00:00Z'),
    };
    expect(await run(['preview'], io)).toBe(0);
    expect(out.join('\n')).toContain('Weekly learning:');
    out.length = 0;
    expect(await run(['status'], io)).toBe(0);
    expect(out).toEqual(['No channels subscribed.']);
    expect(await run(['bogus'], io)).toBe(2);
  });
});
