import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { startCaptureServer } from '../helpers/capture-server.js';
import { startServer } from '../helpers/start-server.js';
import { conversation, message, post } from '../channels/teams/activities.js';

describe('graceful shutdown', () => {
  it('finishes an in-flight turn, then stops accepting and closes the store', async () => {
    const cap = await startCaptureServer();
    const s = await startServer();
    try {
      // The connector holds the bot's reply for a while, so the turn is still running when we close.
      cap.plan({ status: 200, delayMs: 1_000 });
      const conv = conversation('personal');
      const inFlight = post(s.url, message({ serviceUrl: cap.url, conv, text: 'help' }));
      await cap.waitForArrival();
      await s.close();
      // close() resolved only after the turn's reply went out and its HTTP response was sent.
      expect(cap.requests).toHaveLength(1);
      expect((await inFlight).status).toBe(200);
      await expect(fetch(`${s.url}/healthz`)).rejects.toThrow();
      await expect(s.store.put('after/close', 1)).rejects.toThrow();
    } finally {
      await s.stop();
      await cap.close();
    }
  });

  it('npm start logs one start-up line (mode, Slack, URL to try) and exits 0 on SIGTERM', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'sg-start-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: new URL('../../', import.meta.url).pathname,
      env: {
        ...process.env,
        PORT: '0',
        DATA_DIR: dataDir,
        MicrosoftAppId: '',
        SLACK_BOT_TOKEN: '',
        SLACK_SIGNING_SECRET: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const lines = createInterface({ input: child.stdout });
      let start: Record<string, unknown> | undefined;
      for await (const line of lines) {
        const entry = JSON.parse(line) as Record<string, unknown>;
        if (typeof entry.msg === 'string' && entry.msg.startsWith('Safeguarding Guide listening')) {
          start = entry;
          break;
        }
      }
      expect(start?.localMode).toBe(true);
      expect(start?.slack).toBe(false);
      expect(start?.msg).toMatch(/local mode .*127\.0\.0\.1 only.*Slack off.*\/api\/messages/);
      const url = start?.url as string;
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
