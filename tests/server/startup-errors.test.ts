import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../src/core/store/data-dir-lock.js';

const REPO = new URL('../../', import.meta.url).pathname;

/** Runs `src/server.ts` with this environment until it exits; its output and exit code. */
async function runServer(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'src/server.ts')], {
    cwd: REPO,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  clearTimeout(timer);
  // Node's own deprecation notices (restify reads process.binding) are not ours to judge.
  const ours = stderr
    .split('\n')
    .filter((l) => !/^\(node:\d+\) \[DEP\d+\]|^\(Use `node --trace-deprecation/.test(l))
    .join('\n');
  return { code, stderr: ours };
}

describe('start-up errors are one clear line', () => {
  it('a port already in use: exit 1, one line, no stack, the DATA_DIR lock released', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    const dataDir = await mkdtemp(join(tmpdir(), 'sg-port-'));
    try {
      const { code, stderr } = await runServer({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir });
      expect(code).toBe(1);
      expect(stderr.trim().split('\n')).toEqual([
        `Safeguarding Guide could not start: 127.0.0.1 port ${port} is already in use: stop the other program (or the other copy of this server) listening there, or set PORT to a free port`,
      ]);
      expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
    } finally {
      blocker.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 30_000);

  it('production without ALLOWED_TENANTS: exit 1, naming the variable and the fix', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'sg-allowed-'));
    try {
      const { code, stderr } = await runServer({
        PORT: '0',
        DATA_DIR: dataDir,
        MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
        MicrosoftAppPassword: 'not-a-real-secret',
      });
      expect(code).toBe(1);
      expect(stderr).toMatch(
        /^Safeguarding Guide could not start: Invalid environment \(1 problem\):\n {2}- ALLOWED_TENANTS is not set: .*list the Microsoft Entra tenant ids of the organisations this partnership serves, comma-separated \(Entra ID → Overview → Tenant ID\)\n$/,
      );
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 30_000);

  it('HOST=[::1] (URL brackets): exit 1 with the line saying how to write it', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'sg-host-'));
    try {
      const { code, stderr } = await runServer({ PORT: '0', HOST: '[::1]', DATA_DIR: dataDir });
      expect(code).toBe(1);
      expect(stderr).toContain(
        'HOST is "[::1]": write an IPv6 address without the brackets a URL needs, e.g. HOST=::1',
      );
      expect(stderr).not.toMatch(/\n\s+at /);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 30_000);
});
