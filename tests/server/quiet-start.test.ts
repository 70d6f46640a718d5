import { execFile } from 'node:child_process';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { spawnServer } from '../helpers/server-process.js';

/**
 * `npm start` and normal use print no warnings: restify 11's spdy reads process.binding('http_parser')
 * (DEP0111, harmless; restify 12 needs Node 22), which the start script's node flag silences, and a
 * browser's favicon request or a client's connection probe is not a server problem.
 */
const ROOT = new URL('../../', import.meta.url).pathname;

/** The node flags `npm start` runs its launcher (the build check, then the built server) with, read from package.json. */
async function startFlags(): Promise<string[]> {
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const m = /^node ((?:--[\w=-]+ )*)scripts\/start\.mjs$/.exec(pkg.scripts.start);
  if (!m) throw new Error(`unexpected start script: ${pkg.scripts.start}`);
  return (m[1] ?? '').trim().split(' ').filter(Boolean);
}
const build = () => promisify(execFile)(process.execPath, ['scripts/build.mjs'], { cwd: ROOT });
const bundleWritten = async () => (await stat(join(ROOT, 'build/server.js'))).mtimeMs;

// In this file, not beside it: test files run in parallel, and a rebuild replaces build/chunks.
describe('npm start on a built tree', () => {
  it('runs no esbuild build when build/ is up to date, and rebuilds when an input changed', async () => {
    await build();
    const built = await bundleWritten();
    await build();
    expect(await bundleWritten()).toBe(built);
    // As if src/server.ts had changed since: its recorded size and time no longer match.
    const inputsFile = join(ROOT, 'build/inputs.json');
    const inputs = JSON.parse(await readFile(inputsFile, 'utf8')) as Record<string, string>;
    expect(inputs['src/server.ts']).toBeDefined();
    expect(inputs['src/channels/teams/bot.ts']).toBeDefined();
    await writeFile(inputsFile, JSON.stringify({ ...inputs, 'src/server.ts': '0:0' }));
    await build();
    expect(await bundleWritten()).not.toBe(built);
    const rebuilt = JSON.parse(await readFile(inputsFile, 'utf8')) as Record<string, string>;
    expect(rebuilt['src/server.ts']).toBe(inputs['src/server.ts']);
  }, 60_000);
});

describe('a quiet start', () => {
  it('prints no warning at start, for a favicon, or for connection probes to /api/messages', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sg-quiet-'));
    const logFile = join(dir, 'server.log');
    // Exactly what `npm start` runs: its launcher under node with the script's flags.
    await promisify(execFile)(process.execPath, ['scripts/build.mjs'], { cwd: ROOT });
    const server = await spawnServer({
      script: 'scripts/start.mjs',
      nodeArgs: await startFlags(),
      env: { DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'info' },
      logFile,
    });
    try {
      expect((await fetch(`${server.url}/favicon.ico`)).status).toBe(204);
      expect((await fetch(`${server.url}/api/messages`)).status).toBe(405);
      const empty = await fetch(`${server.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(empty.status).toBe(400);
      expect(await empty.json()).toMatchObject({ code: 'bad_input' });
      expect((await fetch(`${server.url}/playground`)).status).toBe(200);
    } finally {
      await server.stop();
    }
    const log = await readFile(logFile, 'utf8');
    expect(log).toContain('Safeguarding Guide listening on');
    expect(log).not.toMatch(/Warning|DEP0\d+/);
    const lines = log
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { level: number; msg: string });
    expect(lines.filter((l) => l.level >= 40).map((l) => l.msg)).toEqual([]);
  });
});
