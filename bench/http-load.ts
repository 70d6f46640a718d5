import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import { build } from 'esbuild';
import { readQuestions } from '../scripts/eval-score.js';
import { spawnServer } from '../tests/helpers/server-process.js';
import { createTempDatabase } from '../tests/helpers/temp-database.js';
import { processCpuMs } from './proc-cpu.js';
import { sampleRss } from './rss-sampler.js';
import { startSinkServer, type SinkServer } from './sink-server.js';

const CONNECTIONS = 50;
const SECONDS = Math.min(60, Math.max(1, Number(process.env.BENCH_HTTP_SECONDS) || 10));
const WARM_UP_SECONDS = 2;
/** Distinct practitioners (from.id) and personal chats the load is spread over. */
const USERS = 200;
const TARGET = { ratio: 0.9, p99Ms: 50, rssMb: 250 };
/** Both bots run as plain `node` on esbuild bundles, as `npm start` runs ours: no tsx loader in either. */
const OURS_SCRIPT = 'build/server.js';
const ECHO_SCRIPT = 'build/bench/echo-bot.js';

/**
 * `node scripts/build.mjs` (what `npm start` runs first), and the echo bot bundled the same way
 * (packages external, so both load botbuilder and restify from node_modules).
 */
async function buildBoth(): Promise<void> {
  await promisify(execFile)(process.execPath, ['scripts/build.mjs']);
  await build({
    entryPoints: ['bench/echo-bot.ts'],
    outfile: ECHO_SCRIPT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
}

interface Figures {
  label: string;
  rps: number;
  p50: number;
  p99: number;
  peakRssMb: number;
  requests: number;
  failures: number;
  replies: number;
  /** TCP connections the bot opened to the connector stand-in while loaded (keep-alive reuse shows here). */
  connectorConnections: number;
  /** Server CPU (all threads) per turn under the 50-connection load. */
  cpuMsLoaded: number;
  /** Server CPU per turn over SEQUENTIAL_TURNS turns sent one at a time (no queueing, no batching). */
  cpuMsSequential: number;
}

/** Turns sent one after another, for the per-turn CPU figure that does not depend on concurrency. */
const SEQUENTIAL_TURNS = 300;
/** Extra node options for both servers, e.g. BENCH_NODE_ARGS=--cpu-prof to profile (written to the cwd). */
const NODE_ARGS = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);

function questions(): string[] {
  const files = ['tests/eval/questions.jsonl', '../shared/eval/questions.jsonl'].filter((f) => existsSync(f));
  const list = files.flatMap((f) => readQuestions(f).map((q) => q.q));
  if (list.length === 0) throw new Error('bench http: no questions found');
  return list;
}

/** A Teams message activity as Bot Framework delivers it; a fresh id each time so redelivery dedupe never applies. */
function activityFactory(serviceUrl: string, texts: string[]): () => string {
  let n = 0;
  return () => {
    n += 1;
    const user = n % USERS;
    return JSON.stringify({
      type: 'message',
      id: randomUUID(),
      channelId: 'msteams',
      serviceUrl,
      timestamp: new Date().toISOString(),
      from: { id: `29:bench-user-${user}`, name: 'Bench Practitioner', aadObjectId: randomUUID() },
      recipient: { id: '28:bench-bot', name: 'Safeguarding Guide' },
      conversation: { id: `a:bench-chat-${user}`, conversationType: 'personal', tenantId: 't1' },
      channelData: { tenant: { id: 't1' } },
      locale: 'en-GB',
      text: texts[n % texts.length],
      textFormat: 'plain',
    });
  };
}

async function load(url: string, body: () => string, connections: number, duration: number, amount?: number) {
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

/** Starts one server process, warms it up, loads it for SECONDS while sampling its RSS, stops it. */
async function measure(
  label: string,
  script: string,
  env: Record<string, string>,
  sink: SinkServer,
  texts: string[],
): Promise<Figures> {
  const server = await spawnServer({ script, env, nodeArgs: NODE_ARGS });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 500)); // let replies land
  try {
    const body = activityFactory(sink.url, texts);
    await load(server.url, body, 10, WARM_UP_SECONDS);
    await settle();
    const cpuBeforeSequential = await processCpuMs(server.pid);
    const sequential = await load(server.url, body, 1, 60, SEQUENTIAL_TURNS);
    await settle();
    const cpuMsSequential =
      ((await processCpuMs(server.pid)) - cpuBeforeSequential) / sequential.requests.total;
    const before = sink.posts;
    const connectionsBefore = sink.connections;
    const cpuBefore = await processCpuMs(server.pid);
    const rss = sampleRss(server.pid);
    const result = await load(server.url, body, CONNECTIONS, SECONDS);
    const peakRssMb = await rss.stop();
    await settle();
    const cpuMsLoaded = ((await processCpuMs(server.pid)) - cpuBefore) / result.requests.total;
    return {
      cpuMsLoaded,
      cpuMsSequential,
      label,
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      peakRssMb,
      requests: result.requests.total,
      failures: result.errors + result.non2xx,
      replies: sink.posts - before,
      connectorConnections: sink.connections - connectionsBefore,
    };
  } finally {
    await server.stop();
  }
}

/** Other work on the machine lowers req/s and raises latency (not CPU per turn): say how busy it was. */
function machine(): string {
  const [one, five] = loadavg();
  return `${availableParallelism()} cores, load average ${one?.toFixed(2)} (1 min), ${five?.toFixed(2)} (5 min)`;
}

function row(f: Figures): string {
  return (
    `${f.label.padEnd(18)} ${f.rps.toFixed(0).padStart(6)} req/s  p50 ${String(f.p50).padStart(4)} ms  ` +
    `p99 ${String(f.p99).padStart(4)} ms  peak RSS ${f.peakRssMb.toFixed(0).padStart(4)} MB  ` +
    `CPU ${f.cpuMsLoaded.toFixed(2)} ms/turn loaded, ${f.cpuMsSequential.toFixed(2)} sequential  ` +
    `${f.requests} requests, ${f.failures} failed, ${f.replies} replies over ${f.connectorConnections} connector connections`
  );
}

function verdict(ours: Figures, echo: Figures): boolean {
  const ratio = echo.rps > 0 ? ours.rps / echo.rps : 0;
  const checks = [
    [`ratio ours/echo ≥ ${TARGET.ratio}`, ratio >= TARGET.ratio],
    [`p99 < ${TARGET.p99Ms} ms`, ours.p99 < TARGET.p99Ms],
    [`RSS < ${TARGET.rssMb} MB`, ours.peakRssMb < TARGET.rssMb],
    ['no failed requests', ours.failures === 0],
  ] as const;
  console.log(
    `${ours.label}/echo ratio ${ratio.toFixed(2)}; CPU per turn under load ${ours.cpuMsLoaded.toFixed(2)} vs ` +
      `${echo.cpuMsLoaded.toFixed(2)} ms (echo/ours ${(echo.cpuMsLoaded / ours.cpuMsLoaded).toFixed(2)}: ` +
      `the req/s ratio a CPU-bound server would reach)`,
  );
  console.log(
    `targets (${ours.label}): ${checks.map(([name, ok]) => `${name} ${ok ? 'met' : 'MISSED'}`).join('; ')}`,
  );
  return checks.every(([, ok]) => ok);
}

async function ours(
  label: string,
  sink: SinkServer,
  texts: string[],
  databaseUrl?: string,
): Promise<Figures> {
  const dataDir = await mkdtemp(join(tmpdir(), 'sg-bench-'));
  try {
    return await measure(
      label,
      OURS_SCRIPT,
      { DATA_DIR: dataDir, LOG_LEVEL: 'info', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) },
      sink,
      texts,
    );
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

export async function benchHttpLoad(): Promise<boolean> {
  const texts = questions();
  await buildBoth();
  const sink = await startSinkServer();
  console.log(
    `\n## HTTP load (POST /api/messages, ${CONNECTIONS} connections, ${SECONDS} s each after a ${WARM_UP_SECONDS} s warm-up; ` +
      `${texts.length} practitioner questions from ${USERS} users; replies to a local connector stand-in; ` +
      `both bots bundled with esbuild and run with plain node, as npm start runs ours)`,
  );
  console.log(
    'ours sets V8 --heap-growing-percent=30 itself at start (src/server/v8-flags.ts); the echo bot runs with node defaults',
  );
  console.log(`before: ${machine()}`);
  try {
    const echo = await measure('echo bot', ECHO_SCRIPT, {}, sink, texts);
    console.log(row(echo));
    const lowdb = await ours('ours (lowdb)', sink, texts);
    console.log(row(lowdb));
    let ok = verdict(lowdb, echo);

    const databaseUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
    if (!databaseUrl) {
      console.log(
        'ours (PostgreSQL): skipped, set BENCH_DATABASE_URL or TEST_DATABASE_URL (scripts/ci-postgres.sh prints one)',
      );
      return ok;
    }
    const db = await createTempDatabase(databaseUrl, 'sg_bench');
    try {
      const pg = await ours('ours (PostgreSQL)', sink, texts, db.url);
      console.log(row(pg));
      ok = verdict(pg, echo) && ok;
    } finally {
      await db.drop();
    }
    return ok;
  } finally {
    console.log(`after: ${machine()}`);
    await sink.close();
  }
}
