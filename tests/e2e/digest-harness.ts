import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { FakeSlackApi } from '../helpers/fake-slack-api.js';
import { cardOf, conversation, message, post, USER } from '../channels/teams/activities.js';
import { startCaptureServer, type CaptureServer } from '../helpers/capture-server.js';
import { formBody, postSigned } from '../helpers/slack-signing.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

export const REPO = new URL('../../', import.meta.url).pathname;
export const SECRET = 'digest-e2e-signing-secret-0123456789';
export const SLACK_ADMIN = 'UADMIN01';
export const SLACK_CHANNEL = 'C0DIGEST1';
const WEEK_MS = 7 * 86_400_000;

/** The Teams channel the admin writes in (a thread of it: `;messageid=1`) and its base id. */
export const TEAMS_CONV = conversation('channel', `digest-${process.pid}`);
export const TEAMS_CHANNEL = String(TEAMS_CONV.id).replace(/;messageid=\d+$/, '');

/** London day and HH:MM `minutesAgo` minutes ago: a schedule that fell due just now. */
export function londonScheduleAgo(minutesAgo: number): { day: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      weekday: 'long',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(Date.now() - minutesAgo * 60_000))
      .map((p) => [p.type, p.value]),
  );
  return { day: String(parts.weekday).toLowerCase(), time: `${parts.hour}:${parts.minute}` };
}

export interface World {
  dataDir: string;
  capture: CaptureServer;
  slack: FakeSlackApi;
  slackApiUrl: string;
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startWorld(extraEnv: Record<string, string> = {}): Promise<World> {
  const dataDir = await mkdtemp(join(tmpdir(), 'sg-digest-e2e-'));
  const capture = await startCaptureServer();
  const slack = await FakeSlackApi.start();
  const slackApiUrl = slack.apiUrl;
  const env = {
    DATA_DIR: dataDir,
    CONTENT_DIR: join(REPO, 'content'),
    ADMIN_USERS: `${USER.aadObjectId},${SLACK_ADMIN}`,
    SLACK_BOT_TOKEN: 'xoxb-digest-e2e',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slackApiUrl,
    LOG_LEVEL: 'warn',
    ...extraEnv,
  };
  return {
    dataDir,
    capture,
    slack,
    slackApiUrl,
    env,
    async close() {
      await capture.close();
      await slack.close();
    },
  };
}

/**
 * The real server on the world's DATA_DIR with its scheduler off and its clock a week behind, so a
 * subscription made now counts as made last week (its digest for this week is due at once).
 */
export function startSubscribingServer(world: World, env: Record<string, string> = {}): Promise<TestServer> {
  return startServer(
    { ...world.env, DIGEST_SCHEDULER: 'off', ...env },
    { clock: () => new Date(Date.now() - WEEK_MS) },
  );
}

/** A Teams channel message from `from` (the admin by default); resolves with the card text of the reply. */
export async function teamsSays(
  server: TestServer,
  world: World,
  text: string,
  from: Record<string, unknown> = USER,
): Promise<string> {
  const before = world.capture.captured.length;
  const res = await post(
    server.url,
    message({ serviceUrl: world.capture.url, conv: TEAMS_CONV, from, text, mention: true }),
  );
  expect(res.status).toBe(200);
  const captured = await world.capture.waitFor(before + 1);
  const activity = captured[before]!.activity;
  return JSON.stringify(cardOf(activity) ?? activity.text);
}

/** A signed `/safeguarding …` slash command in the Slack channel; resolves with the response_url body. */
export async function slackCommand(
  server: TestServer,
  world: World,
  text: string,
  userId = SLACK_ADMIN,
): Promise<Record<string, unknown>> {
  const id = `r${world.slack.callsTo('response_url').length + 1}-${Date.now()}`;
  const res = await postSigned(
    `${server.url}/slack/events`,
    formBody({
      command: '/safeguarding',
      text,
      user_id: userId,
      channel_id: SLACK_CHANNEL,
      channel_name: 'partnership-learning',
      team_id: 'T0001',
      response_url: `${world.slackApiUrl.replace(/\/api\/$/, '')}/response/${id}`,
      trigger_id: `trig-${id}`,
    }),
    { secret: SECRET, contentType: 'application/x-www-form-urlencoded' },
  );
  expect(res.status).toBe(200);
  const deadline = Date.now() + 10_000;
  for (;;) {
    const hit = world.slack.responseTo(id);
    if (hit) return hit;
    if (Date.now() > deadline) throw new Error(`no response_url post for "${text}"`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Subscribes the Teams channel and the Slack channel (as their admins) to a digest due 5 minutes ago. */
export async function subscribeBoth(world: World): Promise<void> {
  const { day, time } = londonScheduleAgo(5);
  const server = await startSubscribingServer(world);
  try {
    expect(await teamsSays(server, world, `digest subscribe ${day} ${time}`)).toContain('Digest subscribed');
    const slack = await slackCommand(server, world, `digest subscribe ${day} ${time}`);
    expect(JSON.stringify(slack)).toContain('Digest subscribed');
  } finally {
    await server.stop();
  }
  world.capture.clear();
}

/**
 * Digest posts that reached the Teams channel itself (replies to the admin went to the thread,
 * `…;messageid=1`). botbuilder's proactive send addresses its own continuation activity id.
 */
export function teamsDigests(world: World) {
  return world.capture
    .for(TEAMS_CHANNEL)
    .filter((c) => c.method === 'POST' && cardOf(c.activity) !== undefined);
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * `npm run digest -- …` as a real child process (its own process group, so a kill reaches tsx's
 * node child too). `whileRunning` may kill it; it is killed anyway after `timeoutMs`.
 */
export function digestCli(
  args: string[],
  env: Record<string, string>,
  options: { timeoutMs?: number; whileRunning?: (kill: () => void) => Promise<void> } = {},
): Promise<CliResult> {
  const child = spawn('npm', ['run', '--silent', 'digest', '--', ...args], {
    cwd: REPO,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const kill = () => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  const timer = setTimeout(kill, options.timeoutMs ?? 60_000);
  const done = new Promise<CliResult>((resolve) =>
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    }),
  );
  void options.whileRunning?.(kill).catch(kill);
  return done;
}
