import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCaptureServer } from '../helpers/capture-server.js';
import { FakeSlackApi } from '../helpers/fake-slack-api.js';
import { spawnServer } from '../helpers/server-process.js';
import { postSigned } from '../helpers/slack-signing.js';
import { SECRET } from '../channels/slack/slack-world.js';
import { conversation, message, post } from '../channels/teams/activities.js';

const QUESTION = 'What is the Under 10 Protocol?';

describe('shutdown while Teams and Slack hang', () => {
  it('SIGTERM ends the process within 15 s, exit 0, with the question counts flushed to the store', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sg-hang-'));
    const dataDir = join(dir, 'data');
    const cap = await startCaptureServer();
    const slack = await FakeSlackApi.start();
    try {
      // Default time limits: what an operator runs.
      const server = await spawnServer({
        env: {
          DATA_DIR: dataDir,
          SLACK_BOT_TOKEN: 'xoxb-test-token',
          SLACK_SIGNING_SECRET: SECRET,
          SLACK_API_URL: slack.apiUrl,
        },
        logFile: join(dir, 'server.log'),
      });
      let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
      server.child.once('exit', (code, signal) => (exit = { code, signal }));
      try {
        const dm = (id: string, text: string) =>
          JSON.stringify({
            type: 'event_callback',
            event_id: id,
            team_id: 'T0001',
            event: { type: 'message', channel: 'DU1', channel_type: 'im', user: 'U1', text, ts: `${id}.1` },
          });
        const send = (body: string) =>
          postSigned(`${server.url}/slack/events`, body, { secret: SECRET, contentType: 'application/json' });
        // First contact (welcome and help) while Slack works, then a question whose answer hangs.
        expect((await send(dm('EvHang1', 'help'))).status).toBe(200);
        await slack.waitFor('chat.postMessage', 2);
        slack.hang('chat.postMessage', 100);
        expect((await send(dm('EvHang2', QUESTION))).status).toBe(200);
        await slack.waitFor('chat.postMessage#hung', 1);

        // A Teams turn whose reply the connector never answers is in flight too.
        cap.plan({ status: 200, delayMs: 120_000 });
        const conv = conversation('personal');
        const turn = post(server.url, message({ serviceUrl: cap.url, conv, text: QUESTION })).catch(
          () => undefined,
        );
        await cap.waitForArrival();

        // stop(): SIGTERM, and SIGKILL only if still running after 15 s.
        await server.stop(15_000);
        await turn;
      } finally {
        await server.stop(1_000);
      }
      expect(exit).toEqual({ code: 0, signal: null });
      const log = await readFile(join(dir, 'server.log'), 'utf8');
      expect(log).toContain('shutdown: complete');
      const { items } = JSON.parse(await readFile(join(dataDir, 'store.json'), 'utf8')) as {
        items: Record<string, { value: { answered?: number } }>;
      };
      const answered = Object.entries(items)
        .filter(([key]) => key.startsWith('question-counts/'))
        .reduce((n, [, item]) => n + (item.value.answered ?? 0), 0);
      expect(answered).toBe(2);
    } finally {
      await cap.close();
      await slack.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
