import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Guide } from '../../src/core/guide.js';
import type { PartnershipReport } from '../../src/core/insights/report-data.js';
import { openLowdbStore, STORE_FILE } from '../../src/core/store/lowdb-store.js';
import { CONTENT_DIR } from '../helpers/content-fixture.js';
import { EVERYTHING, findNeedles, IDENTIFIERS } from '../privacy/identifiers.js';

const ROOT = resolve(import.meta.dirname, '../..');

function runCli(
  args: string[],
  dataDir: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end();
  });
}

const CHANNEL = 'slack:C0REPORT';

/** A DATA_DIR written by a Guide over the embedded store, as the server would leave it. */
async function seedDataDir(dataDir: string): Promise<void> {
  const store = await openLowdbStore(dataDir);
  const guide = await Guide.create({ contentDir: CONTENT_DIR, store });
  const actor = { userId: 'U0SECRETUSER', channel: 'slack' as const, isAdmin: false };
  const place = { conversationId: 'D0SECRETDM', kind: 'personal' as const };
  for (const q of [
    'What is MACE?',
    'recipe for chocolate cake',
    'where can I get a chocolate cake recipe',
    'what training should volunteers have on safeguarding',
    EVERYTHING,
    `what are the bus times for ${IDENTIFIERS.name}`,
    `${IDENTIFIERS.name.toUpperCase()} recipe for chocolate cake`,
  ])
    await guide.handle(q, actor, place);
  await guide.recordFeedback({ replyId: 'cli-1-abcd', itemIds: ['mace'], helpful: true, channel: 'slack' });
  await guide.recordFeedback({
    replyId: 'cli-2-abcd',
    itemIds: ['mace'],
    helpful: false,
    reason: 'missing',
    channel: 'slack',
  });
  await store.put('checklist-stats/run-a', {
    v: 1,
    checklistId: 'referral',
    startedOn: '2025-10-30',
    status: 'completed',
    milestones: { 'referral-made': 12 * 60_000 },
    skipped: [],
    answered: 9,
  });
  await guide.digests.subscribe({
    channelKey: CHANNEL,
    platform: 'slack',
    reference: { channel: 'C0REPORT' },
    by: 'x',
  });
  await store.put(`digest-ledger/${CHANNEL}/2025-W44`, {
    state: 'sent',
    attemptId: 'a1',
    at: '2025-10-27T09:00:03Z',
    itemId: 'audit-1',
  });
  await guide.close();
  await store.close();
}

describe('npm run report', () => {
  let dir: string;
  let dataDir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sg-report-cli-'));
    dataDir = join(dir, 'data');
    await seedDataDir(dataDir);
  }, 60_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('--json prints the report data from the configured store', async () => {
    const { code, stdout, stderr } = await runCli(['report', '--json'], dataDir);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as PartnershipReport;
    expect(report.questions.totals).toEqual({ answered: 1, lowConfidence: 2, signposted: 4 });
    expect(report.questions.perWeek).toHaveLength(12);
    const cake = report.questions.groups.find((g) => /chocolate cake/.test(g.example));
    expect(cake).toMatchObject({ kind: 'signposted', count: 3 });
    expect(report.questions.groups.map((g) => g.example)).toContain('what are the bus times for [name]');
    expect(report.feedback.perItem).toEqual([
      expect.objectContaining({
        itemId: 'mace',
        helpful: 1,
        notHelpful: 1,
        reasons: [expect.objectContaining({ reason: 'missing', count: 1 })],
      }),
    ]);
    expect(report.checklists.find((c) => c.checklistId === 'referral')).toMatchObject({
      runs: 1,
      referralsMade: 1,
      medianMinutesToReferral: 12,
    });
    expect(report.digests.channels).toEqual([
      {
        channelKey: CHANNEL,
        platform: 'slack',
        schedule: 'monday 09:00',
        sent: 1,
        failed: 0,
        lastSent: '2025-10-27T09:00:03Z',
        state: 'ok',
      },
    ]);
    expect(findNeedles(stdout)).toEqual([]);
    expect(stdout).not.toMatch(/U0SECRETUSER|D0SECRETDM/);
  });

  it('prints a readable text report without identifiers', async () => {
    const { code, stdout } = await runCli(['report'], dataDir);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Partnership report: North Yorkshire Safeguarding Children Partnership$/m);
    expect(stdout).toMatch(
      /^QUESTIONS, last 12 weeks: 1 answered, 2 answered with low confidence, 4 signposted$/m,
    );
    expect(stdout).toMatch(/^ {2}week of {5}answered {2}low conf\. {2}signposted$/m);
    expect(stdout).toMatch(/^ {4}3× ".*chocolate cake.*" \(signposted; last \d{4}-\d{2}-\d{2}\)$/m);
    expect(stdout).toMatch(
      /\[mace\]: 1 helpful, 1 not helpful \(Something was missing \(e\.g\. local contacts\): 1\)/,
    );
    expect(stdout).toMatch(
      /\[referral\]: 1 run\(s\), 1 completed.*1 referral\(s\) made, median 12 min from start/,
    );
    expect(stdout).toContain(
      `${CHANNEL} (slack, monday 09:00): 1 sent, 0 failed, last sent 2025-10-27T09:00:03Z`,
    );
    expect(findNeedles(stdout)).toEqual([]);
    expect(stdout).not.toMatch(/U0SECRETUSER|D0SECRETDM/);
  });

  it('reads beside a running server: the store stays locked by its holder and unchanged', async () => {
    const server = await openLowdbStore(dataDir); // holds DATA_DIR as the server would
    try {
      const before = await readFile(join(dataDir, STORE_FILE));
      const { code, stdout, stderr } = await runCli(['report', '--json'], dataDir);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect((JSON.parse(stdout) as PartnershipReport).questions.totals.signposted).toBe(4);
      expect((await readFile(join(dataDir, STORE_FILE))).equals(before)).toBe(true);
      // A digest preview only reads: it opens the same snapshot.
      const preview = await runCli(['digest', 'preview'], dataDir);
      expect(preview.stderr).toBe('');
      expect(preview.code).toBe(0);
      expect(preview.stdout).toContain('Weekly learning');
      expect((await readFile(join(dataDir, STORE_FILE))).equals(before)).toBe(true);
      // Sending writes, so beside a running server it is refused instead.
      const digest = await runCli(['digest', 'send'], dataDir);
      expect(digest.code).toBe(1);
      expect(digest.stderr).toMatch(/is in use by another process/);
    } finally {
      await server.close();
    }
  });

  it('rejects unknown arguments with the usage', async () => {
    const { code, stderr } = await runCli(['report', '--csv'], dataDir);
    expect(code).toBe(2);
    expect(stderr).toMatch(/usage: npm run report/);
  });
});
