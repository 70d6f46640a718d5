import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversation, message, post, cardOf } from '../channels/teams/activities.js';
import { startCaptureServer, type CaptureServer } from '../helpers/capture-server.js';
import {
  all,
  copyParts,
  dockerignored,
  execForm,
  ignorePatterns,
  parseDockerfile,
  type Stage,
} from '../helpers/dockerfile.js';
import { spawnServer } from '../helpers/server-process.js';

/**
 * The production image, on a machine with no container builder: the Dockerfile's instructions are
 * checked, then its two stages are replayed in a temp folder at one path (as /app is in both stages):
 * the build stage's files and esbuild make build/, everything else is removed, the run stage's files
 * are copied and `npm ci --omit=dev` installs production dependencies only; the server then starts
 * from build/ and answers /healthz, a Teams message (cards/) and the playground (its static files).
 */
const REPO = new URL('../../', import.meta.url).pathname;
const run = promisify(execFile);

let stages: Stage[];
let ignored: string[];

beforeAll(async () => {
  stages = parseDockerfile(await readFile(join(REPO, 'Dockerfile'), 'utf8'));
  ignored = ignorePatterns(await readFile(join(REPO, '.dockerignore'), 'utf8'));
});

const stage = (name: string) => {
  const found = stages.find((s) => s.name === name);
  if (!found) throw new Error(`no stage named ${name}`);
  return found;
};

describe('Dockerfile', () => {
  it('has a build stage and a run stage on Node 20, both working in the same folder', () => {
    expect(stages.map((s) => s.name)).toEqual(['build', 'runtime']);
    for (const s of stages) expect(s.image).toMatch(/^node:20(\.|-|$)/);
    expect(all(stage('build'), 'WORKDIR')).toEqual(all(stage('runtime'), 'WORKDIR'));
  });

  it('builds with all dependencies and esbuild, runs with production dependencies only', () => {
    const build = all(stage('build'), 'RUN').join(' && ');
    expect(build).toMatch(/\bnpm ci\b(?![^&]*--omit=dev)/);
    expect(build).toContain('npm run build');
    const runtime = stage('runtime');
    expect(all(runtime, 'RUN').join(' && ')).toMatch(/\bnpm ci --omit=dev\b/);
    const fromBuild = all(runtime, 'COPY')
      .map(copyParts)
      .filter((c) => c.from);
    expect(fromBuild).toEqual([{ from: 'build', sources: ['/app/build/'], dest: 'build/' }]);
    // No source tree beyond the static files the bundle serves: the bundle is what runs.
    const copied = all(runtime, 'COPY')
      .map(copyParts)
      .filter((c) => !c.from)
      .flatMap((c) => c.sources);
    expect(copied.filter((s) => s.startsWith('src/'))).toEqual(['src/channels/playground/static/']);
  });

  it('runs node build/server.js as a non-root user, with a /healthz check and DATA_DIR as a volume', () => {
    const runtime = stage('runtime');
    const keywords = runtime.instructions.map((i) => i.keyword);
    const user = all(runtime, 'USER');
    expect(user).toHaveLength(1);
    expect(user[0]).not.toMatch(/^(root|0)(:|$)/);
    expect(keywords.indexOf('USER')).toBeLessThan(keywords.indexOf('CMD'));
    expect(execForm(all(runtime, 'CMD')[0] ?? '')).toEqual([
      'node',
      '--disable-warning=DEP0111',
      'build/server.js',
    ]);
    const health = all(runtime, 'HEALTHCHECK');
    expect(health).toHaveLength(1);
    expect(execForm(health[0]!)?.join(' ')).toContain('/healthz');
    const dataDir = /DATA_DIR=(\S+)/.exec(all(runtime, 'ENV').join(' '))?.[1];
    expect(dataDir).toBe('/data');
    expect(all(runtime, 'VOLUME').flatMap((v) => execForm(v) ?? v.split(' '))).toContain(dataDir);
    expect(all(runtime, 'EXPOSE')).toEqual(['3978']);
  });

  it('copies only files that exist and that .dockerignore lets into the build context', async () => {
    for (const s of stages)
      for (const { from, sources } of all(s, 'COPY').map(copyParts)) {
        if (from) continue;
        for (const source of sources) {
          expect(existsSync(join(REPO, source)), source).toBe(true);
          expect(dockerignored(ignored, source), source).toBe(false);
        }
      }
    for (const secretOrBulk of ['.env', 'node_modules', 'data', 'build', '.git', 'tests'])
      expect(dockerignored(ignored, secretOrBulk), secretOrBulk).toBe(true);
    expect(dockerignored(ignored, 'content')).toBe(false);
  });
});

/** Docker's COPY: a directory source copies its contents into dest; files go into dest/ by name. */
async function replayCopies(s: Stage, into: string): Promise<void> {
  for (const { from, sources, dest } of all(s, 'COPY').map(copyParts)) {
    if (from) continue;
    for (const source of sources) {
      const isDir = (await stat(join(REPO, source))).isDirectory();
      const target = isDir || !dest.endsWith('/') ? join(into, dest) : join(into, dest, basename(source));
      await mkdir(isDir ? target : join(target, '..'), { recursive: true });
      await cp(join(REPO, source), target, { recursive: true });
    }
  }
}

describe('the run stage, replayed without a container builder', { timeout: 300_000 }, () => {
  let app: string;
  let cap: CaptureServer;

  beforeAll(async () => {
    app = await mkdtemp(join(tmpdir(), 'sg-image-'));
    cap = await startCaptureServer();
    // Build stage: its files, the checkout's full node_modules, the build.
    await replayCopies(stage('build'), app);
    await symlink(join(REPO, 'node_modules'), join(app, 'node_modules'), 'dir');
    await run(process.execPath, ['scripts/build.mjs'], { cwd: app });
    // Only build/ crosses into the run stage.
    for (const entry of await readdir(app))
      if (entry !== 'build') await rm(join(app, entry), { recursive: true });
    await replayCopies(stage('runtime'), app);
    await run('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline'], {
      cwd: app,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), NODE_ENV: 'production' },
      maxBuffer: 16 * 1024 * 1024,
    });
  }, 300_000);

  afterAll(async () => {
    await cap?.close();
    if (app) await rm(app, { recursive: true, force: true });
  });

  it('has no dev dependency installed', () => {
    for (const dev of [
      'esbuild',
      'vitest',
      'typescript',
      'croner',
      'fflate',
      '@microsoft/m365agentsplayground',
    ])
      expect(existsSync(join(app, 'node_modules', dev)), dev).toBe(false);
    expect(existsSync(join(app, 'node_modules', 'restify'))).toBe(true);
  });

  it('imports only production dependencies from the bundle', async () => {
    const pkg = JSON.parse(await readFile(join(app, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const files = [join(app, 'build/server.js')];
    if (existsSync(join(app, 'build/chunks')))
      files.push(
        ...(await readdir(join(app, 'build/chunks')))
          .filter((f) => f.endsWith('.js'))
          .map((f) => join(app, 'build/chunks', f)),
      );
    const imported = new Set<string>();
    for (const file of files) {
      const code = await readFile(file, 'utf8');
      const specifiers = [
        ...code.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s*"([^"]+)"/gm),
        ...code.matchAll(/^import\s*"([^"]+)"/gm),
        ...code.matchAll(/\bimport\(\s*"([^"]+)"\s*\)/g),
      ].map((m) => m[1]!);
      for (const spec of specifiers) {
        if (spec.startsWith('node:') || spec.startsWith('.')) continue;
        imported.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
      }
    }
    expect(imported.size).toBeGreaterThan(5);
    // @slack/web-api comes with @slack/bolt (same release line); everything else is declared.
    const undeclared = [...imported].filter(
      (name) => !(name in pkg.dependencies) && name !== '@slack/web-api',
    );
    expect(undeclared).toEqual([]);
    for (const name of imported) expect(existsSync(join(app, 'node_modules', name)), name).toBe(true);
  });

  it('node build/server.js starts and answers /healthz, a Teams message and the playground', async () => {
    const dataDir = join(app, 'data');
    const server = await spawnServer({
      cwd: app,
      script: 'build/server.js',
      nodeArgs: ['--disable-warning=DEP0111'],
      env: { DATA_DIR: dataDir },
      startTimeoutMs: 60_000,
    });
    try {
      const health = await fetch(`${server.url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', store: { writable: true } });
      const res = await post(
        server.url,
        message({
          serviceUrl: cap.url,
          conv: conversation('personal'),
          text: 'What is the Under 10 Protocol?',
        }),
      );
      expect(res.status).toBe(200);
      const [reply] = await cap.waitFor(1);
      expect(cardOf(reply!.activity)).toBeDefined();
      expect((await fetch(`${server.url}/playground`)).status).toBe(200);
      expect((await fetch(`${server.url}/playground/adaptivecards.js`)).status).toBe(200);
    } finally {
      await server.stop();
    }
    expect(existsSync(join(dataDir, 'store.json'))).toBe(true);
  });

  it('npm start works there too: with no esbuild it starts the existing build/', async () => {
    const child = spawn('npm', ['start'], {
      cwd: app,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? tmpdir(),
        PORT: '0',
        DATA_DIR: join(app, 'data2'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let out = '';
    const closed = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`npm start did not listen:\n${out}`)), 60_000);
        const onData = (c: Buffer) => {
          out += c.toString('utf8');
          const m = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(m[0]);
          }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.once('close', () => reject(new Error(`npm start exited:\n${out}`)));
      });
      expect(out).toContain('esbuild is not installed (a production install): starting the existing build/');
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
    } finally {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    }
    await closed;
  });
});
