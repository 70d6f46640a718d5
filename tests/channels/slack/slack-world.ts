import { FakeSlackApi } from '../../helpers/fake-slack-api.js';
import type { AppOptions } from '../../../src/server/app.js';
import { startServer, type TestServer } from '../../helpers/start-server.js';

export const SECRET = 'test-signing-secret-0123456789';

export interface SlackWorld {
  fake: FakeSlackApi;
  server: TestServer;
  /** The server's Slack endpoint (`/slack/events`). */
  url: string;
}

/** The real server in Slack HTTP mode, calling a local fake Slack Web API; `env` adds settings. */
export async function startSlackWorld(
  env: Record<string, string> = {},
  options: AppOptions = {},
): Promise<SlackWorld> {
  const fake = await FakeSlackApi.start();
  const server = await startServer(
    {
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
      ...env,
    },
    options,
  );
  return { fake, server, url: `${server.url}/slack/events` };
}

export async function stopSlackWorld(world: Partial<SlackWorld>): Promise<void> {
  await world.server?.stop();
  await world.fake?.close();
}
