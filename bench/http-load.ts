import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import { build } from 'esbuild';
import { readQuestions } from '../scripts/eval-score.js';
import { createTempDatabase } from '../tests/helpers/temp-database.js';
import { startBenchServer, type BenchServer, type BenchServerSpec } from './bench-server.js';
import { sampleRss } from './rss-sampler.js';
import { startSinkServer, type SinkServer } from './sink-server.js';
import { median } from './stats.js';

const REPO = resolve(new URL('..', import.meta.url).pathname);
const CONNECTIONS = 50;
const SECONDS = Math.min(60, Math.max(1, Number(process.env.BENCH_HTTP_SECONDS) || 10));
const ROUNDS = Math.max(1, Number(process.env.BENCH_HTTP_ROUNDS) || 4);
/** Our turn is still being optimised by V8 for several seconds: 2 s of warm-up cost it 0.3–0.7 ms a turn. */
const WARM_UP_SECONDS = Math.max(15, Number(process.env.BENCH_HTTP_WARM_UP_SECONDS) || 15);
/** Distinct practitioners (from.id) and personal chats the load is spread over. */
const USERS = 200;
/** Turns sent one at a time per server: single-user latency, with no queueing. */
const SEQUENTIAL_TURNS = 300;
const TARGET = { ratioToEcho: 0.75, ratioToKeptEcho: 0.9, p99Ms: 50, rssMb: 250 };
/** Extra node options for every server, e.g. BENCH_NODE_ARGS=--cpu-prof to profile (written to the cwd). */
const NODE_ARGS = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
const ECHO_SCRIPT = join(REPO, 'build/bench/echo-bot.js');

/**
 * `node scripts/build.mjs` (what `npm start` runs first), here and in each baseline checkout, and the echo bot bundled the same way (packages external: both load botbuilder and restify
 * from node_modules).
 */
async function buildAll(baselines: string[]): Promise<void> {
  for (const dir of [REPO, ...baselines])
    await promisify(execFile)(process.execPath, [join(dir, 'scripts/build.mjs')], { cwd: dir });
  await buildEchoBot();
}

/** The echo bot, bundled the same way; the start-up bench needs it too. */
export async function buildEchoBot(): Promise<string> {
  await build({
    entryPoints: [join(REPO, 'bench/echo-bot.ts')],
    outfile: ECHO_SCRIPT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return ECHO_SCRIPT;
}

function questions(): string[] {
  const files = ['tests/eval/questions.jsonl', '../shared/eval/questions.jsonl']
    .map((f) => join(REPO, f))
    .filter((f) => existsSync(f));
  const list = files.flatMap((f) => readQuestions(f).map((q) => q.q));
  if (list.length === 0) throw new Error('bench http: no questions found');
  return list;
}

/** The several-partnerships server: this many packs under PACKS_DIR, each serving its own tenant. */
const PARTNERSHIPS = 10;
const partnershipTenant = (p: number) => `00000000-0000-4000-8000-${String(p + 1).padStart(12, '0')}`;
/** The tenants each server's load comes from, by label (others: one tenant, 't1'). */
const TENANTS = new Map<string, string[]>();

/**
 * PACKS_DIR for the several-partnerships server: each pack extends `content/` (the shared national
 * guidance) with its own name and tenant, as a regional host would set them up.
 */
async function writePacks(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sg-bench-packs-'));
  for (let p = 0; p < PARTNERSHIPS; p++) {
    const id = `partnership-${p + 1}`;
    await mkdir(join(dir, id));
    const yaml = [
      `extends: ${JSON.stringify(join(REPO, 'content'))}`,
      `partnership: { name: "Bench Partnership ${p + 1}", short_name: "BP${p + 1}" }`,
      `serves: { tenants: ["${partnershipTenant(p)}"] }`,
    ];
    await writeFile(join(dir, id, 'pack.yaml'), yaml.join('\n') + '\n');
  }
  return dir;
}

/** A Teams message activity as Bot Framework delivers it; a fresh id each time so redelivery dedupe never applies. */
function activityFactory(
  serviceUrl: string,
  texts: string[],
  tenants: readonly string[] = ['t1'],
): () => string {
  let n = 0;
  return () => {
    n += 1;
    const user = n % USERS;
    // Users spread over the tenants, each user always in the same one.
    const tenantId = tenants[user % tenants.length];
    return JSON.stringify({
      type: 'message',
      id: randomUUID(),
      channelId: 'msteams',
      serviceUrl,
      timestamp: new Date().toISOString(),
      from: { id: `29:bench-user-${user}`, name: 'Bench Practitioner', aadObjectId: randomUUID() },
      recipient: { id: '28:bench-bot', name: 'Safeguarding Guide' },
      conversation: { id: `a:bench-chat-${user}`, conversationType: 'personal', tenantId },
      channelData: { tenant: { id: tenantId } },
      locale: 'en-GB',
      text: texts[n % texts.length],
      textFormat: 'plain',
    });
  };
}

function load(url: string, body: () => string, connections: number, duration: number, amount?: number) {
  return autocannon({
    url,
    connections,
    duration,
    ...(amount ? { amount } : {}),
    timeout: 20,
    requests: [
      {
        method: 'POST',
        path: '/api/messages',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: body() }),
      },
    ],
  });
}

const settle = () => new Promise((done) => setTimeout(done, 500)); // let replies land

interface Round {
  label: string;
  round: number;
  load1: number;
  rps: number;
  p50: number;
  p99: number;
  peakRssMb: number;
  requests: number;
  failures: number;
  replies: number;
  connectorConnections: number;
  mainMs: number;
  backgroundMs: number;
  allocKb: number;
  fullGcs: number;
}

/** One loaded window of SECONDS on one server: everything per turn comes from the same window. */
async function loadedRound(server: BenchServer, sink: SinkServer, texts: string[], round: number) {
  const body = activityFactory(sink.url, texts, TENANTS.get(server.label));
  const load1 = loadavg()[0] ?? 0;
  const [posts, connections, cpu, gc] = [
    sink.posts,
    sink.connections,
    await server.cpu(),
    await server.probe(),
  ];
  const rss = sampleRss(server.pid);
  const result = await load(server.url, body, CONNECTIONS, SECONDS);
  const peakRssMb = await rss.stop();
  await settle();
  const [cpuAfter, gcAfter] = [await server.cpu(), await server.probe()];
  const turns = Math.max(1, result.requests.total);
  const figures: Round = {
    label: server.label,
    round,
    load1,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    peakRssMb,
    requests: result.requests.total,
    failures: result.errors + result.non2xx,
    replies: sink.posts - posts,
    connectorConnections: sink.connections - connections,
    mainMs: (cpuAfter.mainMs - cpu.mainMs) / turns,
    backgroundMs: (cpuAfter.backgroundMs - cpu.backgroundMs) / turns,
    allocKb: (gcAfter.allocatedBytes - gc.allocatedBytes) / 1024 / turns,
    fullGcs: gcAfter.fullGcs - gc.fullGcs,
  };
  return figures;
}

/** Warm-up at full load, then SEQUENTIAL_TURNS one at a time: single-user latency and CPU. */
async function warmUp(server: BenchServer, sink: SinkServer, texts: string[]): Promise<string> {
  const body = activityFactory(sink.url, texts, TENANTS.get(server.label));
  await load(server.url, body, CONNECTIONS, WARM_UP_SECONDS);
  await settle();
  const cpu = await server.cpu();
  const sequential = await load(server.url, body, 1, 120, SEQUENTIAL_TURNS);
  await settle();
  const after = await server.cpu();
  const turns = Math.max(1, sequential.requests.total);
  return (
    `${server.label.padEnd(22)} one user: p50 ${sequential.latency.p50} ms, p99 ${sequential.latency.p99} ms, ` +
    `CPU ${((after.mainMs - cpu.mainMs) / turns).toFixed(2)} main + ` +
    `${((after.backgroundMs - cpu.backgroundMs) / turns).toFixed(2)} background ms/turn`
  );
}

function row(f: Round): string {
  return (
    `  ${f.label.padEnd(22)} ${f.rps.toFixed(0).padStart(5)} req/s  p50 ${String(f.p50).padStart(3)} ms  ` +
    `p99 ${String(f.p99).padStart(3)} ms  CPU ${f.mainMs.toFixed(2)} main + ${f.backgroundMs.toFixed(2)} bg ms/turn  ` +
    `alloc ${f.allocKb.toFixed(0).padStart(3)} KB/turn  ${String(f.fullGcs).padStart(2)} full GCs  ` +
    `peak RSS ${f.peakRssMb.toFixed(0).padStart(3)} MB  load ${f.load1.toFixed(2)}  ` +
    `${f.requests} req, ${f.failures} failed, ${f.replies} replies over ${f.connectorConnections} connections`
  );
}

function machine(): string {
  const [one, five, fifteen] = loadavg().map((l) => l.toFixed(2));
  return `${availableParallelism()} cores, load average ${one} / ${five} / ${fifteen} (1 / 5 / 15 min)`;
}

/** Per server: the median of its rounds, and its req/s ratio to each echo bot within the same round. */
function summary(rounds: Round[], labels: string[]): boolean {
  const echo = labels[0] as string;
  const kept = labels[1] as string;
  const ratio = (label: string, to: string) =>
    median(
      [...new Set(rounds.map((r) => r.round))].map((n) => {
        const of = (l: string) => rounds.find((r) => r.round === n && r.label === l)?.rps ?? 0;
        return of(to) > 0 ? of(label) / of(to) : 0;
      }),
    );
  console.log('\nmedians over the rounds (ratios: req/s within each round, then the median):');
  let ok = true;
  for (const label of labels) {
    const mine = rounds.filter((r) => r.label === label);
    const m = (pick: (r: Round) => number) => median(mine.map(pick));
    const peak = Math.max(...mine.map((r) => r.peakRssMb));
    const cpu = m((r) => r.mainMs + r.backgroundMs);
    const toEcho = ratio(label, echo);
    const toKept = ratio(label, kept);
    console.log(
      `  ${label.padEnd(22)} ${m((r) => r.rps)
        .toFixed(0)
        .padStart(5)} req/s  ×${toEcho.toFixed(2)} echo  ` +
        `×${toKept.toFixed(2)} kept-client echo  CPU ${m((r) => r.mainMs).toFixed(2)} + ` +
        `${m((r) => r.backgroundMs).toFixed(2)} = ${cpu.toFixed(2)} ms/turn  p50 ${m((r) => r.p50)} ms  ` +
        `p99 ${m((r) => r.p99)} ms  alloc ${m((r) => r.allocKb).toFixed(0)} KB/turn  peak RSS ${peak.toFixed(0)} MB`,
    );
    if (!label.startsWith('ours')) continue;
    const failures = mine.reduce((n, r) => n + r.failures, 0);
    const checks = [
      [`×echo ≥ ${TARGET.ratioToEcho}`, toEcho >= TARGET.ratioToEcho],
      [`×kept-client echo ≥ ${TARGET.ratioToKeptEcho} (the goal beyond)`, toKept >= TARGET.ratioToKeptEcho],
      [`p99 < ${TARGET.p99Ms} ms`, m((r) => r.p99) < TARGET.p99Ms],
      [`peak RSS < ${TARGET.rssMb} MB`, peak < TARGET.rssMb],
      ['no failed requests', failures === 0],
    ] as const;
    console.log(
      `    targets: ${checks.map(([name, met]) => `${name} ${met ? 'met' : 'MISSED'}`).join('; ')}`,
    );
    ok = ok && checks.filter(([name]) => !name.includes('goal')).every(([, met]) => met);
  }
  return ok;
}

export async function benchHttpLoad(): Promise<boolean> {
  const texts = questions();
  // BENCH_BASELINE: other built checkouts to run as well (comma-separated), e.g. main before a change.
  const baselines = (process.env.BENCH_BASELINE ?? '')
    .split(',')
    .filter(Boolean)
    .map((dir) => resolve(dir));
  await buildAll(baselines);
  const packsDir = await writePacks();
  const sink = await startSinkServer();
  const specs: BenchServerSpec[] = [
    { label: 'echo bot', script: ECHO_SCRIPT },
    { label: 'echo, kept client', script: ECHO_SCRIPT, env: { ECHO_KEEP_CLIENTS: '1' } },
    { label: 'ours (lowdb)', script: join(REPO, 'build/server.js') },
    {
      label: `ours (${PARTNERSHIPS} partnerships)`,
      script: join(REPO, 'build/server.js'),
      env: { PACKS_DIR: packsDir },
    },
  ];
  TENANTS.set(
    `ours (${PARTNERSHIPS} partnerships)`,
    Array.from({ length: PARTNERSHIPS }, (_, p) => partnershipTenant(p)),
  );
  for (const dir of baselines)
    specs.push({ label: `ours (${basename(dir)})`, script: join(dir, 'build/server.js'), cwd: dir });
  const databaseUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  const db = databaseUrl ? await createTempDatabase(databaseUrl, 'sg_bench') : undefined;
  if (db)
    specs.push({
      label: 'ours (PostgreSQL)',
      script: join(REPO, 'build/server.js'),
      env: { DATABASE_URL: db.url },
    });

  console.log(
    `\n## HTTP load (POST /api/messages): ${ROUNDS} alternating rounds of ${SECONDS} s at ${CONNECTIONS} connections ` +
      `per server, after a ${WARM_UP_SECONDS} s warm-up each; ${texts.length} practitioner questions from ${USERS} users ` +
      `(for the ${PARTNERSHIPS}-partnership server, spread over its ${PARTNERSHIPS} tenants: each pack extends content/); ` +
      'replies to a local connector stand-in; every bot bundled with esbuild and run with plain node, as npm start runs ours',
  );
  console.log(
    'CPU from /proc (main = the JavaScript thread; bg = all other threads: GC helpers, compiler, libuv); ' +
      'allocation = JS heap allocated per turn (v8.GCProfiler, bench/gc-probe.mjs); load = 1-min load average at the start of the window',
  );
  if (!db)
    console.log(
      'ours (PostgreSQL): skipped, set BENCH_DATABASE_URL or TEST_DATABASE_URL (scripts/ci-postgres.sh prints one)',
    );
  console.log(`before: ${machine()}`);
  const servers: BenchServer[] = [];
  try {
    for (const spec of specs) {
      const server = await startBenchServer({ ...spec, nodeArgs: NODE_ARGS });
      console.log(`${server.label.padEnd(22)} started in ${server.startSeconds.toFixed(1)} s`);
      servers.push(server);
    }
    for (const server of servers) console.log(await warmUp(server, sink, texts));
    const rounds: Round[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      console.log(`round ${round}:`);
      // Each round starts one server later, so no server always runs right after the same one.
      for (let i = 0; i < servers.length; i++) {
        const server = servers[(i + round - 1) % servers.length] as BenchServer;
        const figures = await loadedRound(server, sink, texts, round);
        rounds.push(figures);
        console.log(row(figures));
      }
    }
    return summary(
      rounds,
      specs.map((s) => s.label),
    );
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await db?.drop();
    await rm(packsDir, { recursive: true, force: true });
    console.log(`after: ${machine()}`);
    await sink.close();
  }
}
