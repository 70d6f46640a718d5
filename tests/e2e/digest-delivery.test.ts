import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/digest.js';
import { channelKeyFor } from '../../src/core/digests/subscriptions.js';
import { startServer } from '../helpers/start-server.js';
import {
  digestCli,
  SLACK_CHANNEL,
  startWorld,
  subscribeBoth,
  TEAMS_CHANNEL,
  teamsDigests,
  type World,
} from './digest-harness.js';

/**
 * Issue 6 end to end: channels subscribed over real HTTP (a Teams activity to /api/messages, a signed
 * Slack slash command), then `npm run digest -- send` as real child processes on the same DATA_DIR,
 * posting to a local Bot Framework connector stand-in and a fake Slack Web API.
 */
const TEAMS_KEY = channelKeyFor('teams', TEAMS_CHANNEL);
const SLACK_KEY = channelKeyFor('slack', SLACK_CHANNEL);

let world: World;

beforeEach(async () => {
  world = await startWorld();
  await subscribeBoth(world);
});

afterEach(async () => {
  await world.close();
});

function slackDigests() {
  return world.slack.postsTo(SLACK_CHANNEL).filter((p) => p.metadata?.event_type === 'digest');
}

function expectOneEach(): void {
  expect(teamsDigests(world)).toHaveLength(1);
  expect(slackDigests()).toHaveLength(1);
}

describe('npm run digest -- send, as child processes', { timeout: 240_000 }, () => {
  it('run twice: exactly one digest in each channel; status shows it sent', async () => {
    const first = await digestCli(['send'], world.env);
    expect(first.stdout, first.stderr).toContain(`${TEAMS_KEY} `);
    expect(first.stdout).toMatch(new RegExp(`${SLACK_KEY} \\S+ sent`));
    expect(first.code, first.stderr).toBe(0);
    const second = await digestCli(['send'], world.env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(new RegExp(`${SLACK_KEY} \\S+ already-sent`));
    expectOneEach();
    const [digest] = teamsDigests(world);
    expect(JSON.stringify(digest!.activity)).toContain('Weekly learning');
    const status = await digestCli(['status'], world.env);
    expect(status.stdout).not.toContain('last never');
    expect(status.stdout).not.toContain('problem:');
  });

  it('429 with Retry-After and 500s at both platforms: retried, still exactly one each', async () => {
    world.capture.plan({ status: 429, retryAfterSeconds: 1 }, { status: 500 });
    world.slack.faults.set(SLACK_CHANNEL, [
      { kind: 'status', status: 429, retryAfter: '1' },
      { kind: 'status', status: 500 },
    ]);
    const first = await digestCli(['send'], world.env);
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(world.capture.requests.filter((r) => r.includes(' 429'))).toHaveLength(1);
    expect(world.capture.requests.filter((r) => r.includes(' 500'))).toHaveLength(1);
    expect(world.slack.statusesTo('chat.postMessage', SLACK_CHANNEL)).toEqual([429, 500, 200]);
    await digestCli(['send'], world.env);
    expectOneEach();
  });

  it('timeouts: Slack checks its history and retries; a Teams post that timed out is held, not re-sent', async () => {
    const env = { ...world.env, DIGEST_SEND_TIMEOUT_MS: '800' };
    // Teams: the connector takes 2.5 s and then posts it; the bot gave up waiting at 0.8 s.
    world.capture.plan({ status: 200, delayMs: 2_500 });
    world.slack.faults.set(SLACK_CHANNEL, [{ kind: 'hang' }]);
    const first = await digestCli(['send'], env);
    expect(first.stdout).toContain(`${TEAMS_KEY} `);
    expect(first.stdout).toMatch(new RegExp(`${TEAMS_KEY} \\S+ unknown`));
    expect(first.stdout).toMatch(new RegExp(`${SLACK_KEY} \\S+ sent`));
    expect(first.code).toBe(1); // an unknown outcome needs an admin
    await world.capture.waitFor(1);
    const status = await digestCli(['status'], env);
    expect(status.stdout).toContain(`problem: unknown-outcome ${TEAMS_KEY}`);
    await digestCli(['send'], env);
    expectOneEach();
    // The admin checks the channel, sees it, and records it as posted: nothing is held any more.
    const period = /unknown-outcome \S+ (\d{4}-W\d{2})/.exec(status.stdout)?.[1] ?? '';
    const resolved = await digestCli(
      ['resolve', '--channel', TEAMS_KEY, '--period', period, '--posted', 'yes'],
      env,
    );
    expect(resolved.code, resolved.stdout + resolved.stderr).toBe(0);
    expect((await digestCli(['status'], env)).stdout).not.toContain('problem:');
    await digestCli(['send'], env);
    expectOneEach();
  });

  it('killed between "sending" and "sent", then run again: still exactly one each', async () => {
    // Both platforms receive the post but the process dies before it hears back.
    world.capture.plan({ status: 200, delayMs: 1_500 });
    world.slack.faults.set(SLACK_CHANNEL, [{ kind: 'post-then-hang' }]);
    const killed = await digestCli(['send'], world.env, {
      whileRunning: async (kill) => {
        const deadline = Date.now() + 45_000;
        while (!(world.capture.received > 0 && world.slack.posts.length > 0) && Date.now() < deadline)
          await new Promise((r) => setTimeout(r, 20));
        kill();
      },
    });
    expect(killed.signal).toBe('SIGKILL');
    await world.capture.waitFor(1);
    // Right after: the dead run's lease is still fresh, so another run leaves the channels alone.
    const again = await digestCli(['send'], world.env);
    expect(again.stdout).toMatch(new RegExp(`${TEAMS_KEY} \\S+ in-flight`));
    expect(again.stdout).toMatch(new RegExp(`${SLACK_KEY} \\S+ in-flight`));
    expectOneEach();
    // Eleven minutes later (past the 10-minute lease, inside the grace window): the same CLI code,
    // in process with a moved clock. Slack finds its post in the channel history and records it;
    // Teams cannot be asked, so the period is held for an admin rather than posted twice.
    const out: string[] = [];
    const later = () => new Date(Date.now() + 11 * 60_000);
    const code = await run(['send'], {
      out: (l) => out.push(l),
      err: () => {},
      env: world.env,
      clock: later,
    });
    expect(out.join('\n')).toMatch(new RegExp(`${SLACK_KEY} \\S+ recovered`));
    expect(out.join('\n')).toMatch(new RegExp(`${TEAMS_KEY} \\S+ unknown`));
    expect(code).toBe(1);
    expectOneEach();
    const status = await digestCli(['status'], world.env);
    expect(status.stdout).toContain(`problem: unknown-outcome ${TEAMS_KEY}`);
    expect(status.stdout).not.toContain(`problem: unknown-outcome ${SLACK_KEY}`);
    expectOneEach();
  });
});

describe('the server scheduler', { timeout: 60_000 }, () => {
  it('posts a digest missed while the server was down once on start-up, not again on the next start', async () => {
    for (let start = 0; start < 2; start++) {
      const server = await startServer(world.env);
      try {
        expect(server.scheduler).toBeDefined();
        await server.scheduler!.firstRun;
      } finally {
        await server.stop();
      }
      expectOneEach();
    }
  });
});
