import { buildEchoBot } from './http-load.js';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { processCpu } from './proc-cpu.js';
import { median } from './stats.js';

const REPO = resolve(new URL('..', import.meta.url).pathname);
const ROUNDS = Math.max(1, Number(process.env.BENCH_STARTUP_ROUNDS) || 5);
const TARGET_MS = 1200;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

/** Milliseconds from spawning `command` until `path` on its port answers 200 (or any status, for the echo bot). */
async function timeToHealthy(
  command: string[],
  path: string,
  anyStatus: boolean,
  cwd = REPO,
): Promise<{ ms: number; cpuMs: number }> {
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'sg-start-'));
  const started = performance.now();
  const child = spawn(command[0] as string, command.slice(1), {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
    detached: true,
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${command.join(' ')} exited with ${child.exitCode}`);
      const status = await fetch(`http://127.0.0.1:${port}${path}`).then(
        (r) => r.status,
        () => 0,
      );
      if (status === 200 || (anyStatus && status > 0)) {
        const ms = performance.now() - started;
        // CPU of the spawned process itself (for npm start: npm's, not the server's): not slowed by other work.
        const cpu = await processCpu(child.pid ?? 0);
        return { ms, cpuMs: cpu.mainMs + cpu.backgroundMs };
      }
      if (performance.now() - started > 30_000) throw new Error(`${command.join(' ')} not healthy in 30 s`);
      await new Promise((done) => setTimeout(done, 10));
    }
  } finally {
    // npm start runs node under sh under npm: end the whole group.
    // The group may be gone already (a server that failed to start): that is not a second error.
    if (child.pid && child.exitCode === null && stopGroup(child.pid))
      await new Promise((done) => child.once('exit', done));
    await rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * `npm run bench -- startup`: time from spawning to a healthy `/healthz` for `npm start` on a built
 * tree (build/ up to date, so no esbuild run) and for `node build/server.js`, against the echo bot
 * (bench/echo-bot.ts, built by `npm run bench -- http`; any HTTP answer counts for it), alternating;
 * with BENCH_BASELINE=<another built checkout>, its `node build/server.js` too.
 */
export async function benchStartup(): Promise<boolean> {
  const echo = await buildEchoBot();
  const baseline = process.env.BENCH_BASELINE ? resolve(process.env.BENCH_BASELINE) : undefined;
  const runs: Record<string, { ms: number; cpuMs: number }[]> = {
    'npm start': [],
    'node build/server.js': [],
    'echo bot (node)': [],
  };
  if (baseline) runs['baseline (node)'] = [];
  // A first npm start builds build/ if it is stale; the timed runs then find it up to date.
  await timeToHealthy(['npm', 'start', '--silent'], '/healthz', false);
  console.log(
    `\n## Start-up to healthy (${ROUNDS} alternating rounds; load average ${loadavg()[0]?.toFixed(2)} at the start)`,
  );
  for (let round = 0; round < ROUNDS; round++) {
    runs['npm start']?.push(await timeToHealthy(['npm', 'start', '--silent'], '/healthz', false));
    runs['node build/server.js']?.push(
      await timeToHealthy(
        [process.execPath, '--disable-warning=DEP0111', 'build/server.js'],
        '/healthz',
        false,
      ),
    );
    runs['echo bot (node)']?.push(await timeToHealthy([process.execPath, echo], '/api/messages', true));
    if (baseline)
      runs['baseline (node)']?.push(
        await timeToHealthy([process.execPath, 'build/server.js'], '/healthz', false, baseline),
      );
  }
  for (const [label, times] of Object.entries(runs)) {
    const ms = times.map((t) => t.ms);
    const cpu = label.startsWith('npm') ? '' : `, CPU ${median(times.map((t) => t.cpuMs)).toFixed(0)} ms`;
    console.log(
      `  ${label.padEnd(22)} median ${median(ms).toFixed(0)} ms${cpu}  (${ms.map((m) => m.toFixed(0)).join(', ')})`,
    );
  }
  const met = median((runs['npm start'] ?? []).map((t) => t.ms)) < TARGET_MS;
  console.log(
    `  target: npm start to healthy < ${TARGET_MS} ms ${met ? 'met' : 'MISSED'}; load average now ${loadavg()[0]?.toFixed(2)}`,
  );
  return met;
}

/** SIGTERM to a process group; false when it has already gone. */
function stopGroup(pid: number): boolean {
  try {
    process.kill(-pid, 'SIGTERM');
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}
