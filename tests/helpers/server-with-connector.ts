import { afterAll, beforeAll } from 'vitest';
import { startCaptureServer, type CaptureServer } from './capture-server.js';
import { startServer, type TestServer } from './start-server.js';

/**
 * The real server and a local Bot Framework connector (its replies' `serviceUrl`), started before
 * the file's tests and stopped after them. Read `world.s` and `world.cap` inside tests. `env` adds
 * environment settings (e.g. ADMIN_USERS).
 */
export function serverWithConnector(env: Record<string, string> = {}): {
  readonly s: TestServer;
  readonly cap: CaptureServer;
} {
  let s: TestServer | undefined;
  let cap: CaptureServer | undefined;
  beforeAll(async () => {
    cap = await startCaptureServer();
    s = await startServer(env);
  });
  afterAll(async () => {
    await s?.stop();
    await cap?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('serverWithConnector: used before beforeAll ran');
    return value;
  };
  return {
    get s() {
      return started(s);
    },
    get cap() {
      return started(cap);
    },
  };
}
