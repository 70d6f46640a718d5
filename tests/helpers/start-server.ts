import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config.js';
import { createApp, type AppOptions, type RunningApp } from '../../src/server/app.js';
import { createLogger } from '../../src/server/logger.js';

const REPO = new URL('../../', import.meta.url).pathname;

export interface TestServer extends RunningApp {
  dataDir: string;
  /** Every log line written so far, parsed. */
  logs(): Record<string, unknown>[];
  /** Raw log text (to assert that something never appears). */
  logText(): string;
  stop(): Promise<void>;
}

/**
 * Starts the real server in-process on 127.0.0.1 port 0 with a temp DATA_DIR and the repo's content.
 * `env` adds or overrides environment settings (e.g. MicrosoftAppId, ADMIN_USERS).
 */
export async function startServer(
  env: Record<string, string> = {},
  options: AppOptions = {},
): Promise<TestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'sg-test-'));
  const config = loadConfig(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      CONTENT_DIR: join(REPO, 'content'),
      LOG_LEVEL: 'info',
      ...env,
    },
    REPO,
  );
  let text = '';
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString('utf8');
      done();
    },
  });
  const logger = createLogger({ level: config.logLevel, destination });
  const app = await createApp(config, { logger, drainMs: 5_000, ...options });
  return {
    ...app,
    dataDir,
    logs: () =>
      text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    logText: () => text,
    async stop() {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
