import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnServer, type ServerProcess } from '../tests/helpers/server-process.js';
import { processCpu, type ProcessCpu } from './proc-cpu.js';

const PROBE = new URL('./gc-probe.mjs', import.meta.url).href;

/** What the GC probe (bench/gc-probe.mjs) has counted in a server so far. */
export interface ProbeTotals {
  allocatedBytes: number;
  scavenges: number;
  fullGcs: number;
  gcMs: number;
}

export interface BenchServerSpec {
  label: string;
  /** Absolute path of the built script to run with plain node. */
  script: string;
  /** Working directory (another checkout for a baseline). */
  cwd?: string;
  env?: Record<string, string>;
  /** Extra node options (BENCH_NODE_ARGS, e.g. --cpu-prof). */
  nodeArgs?: string[];
  /** How long it may take to start (default 30 s). */
  startTimeoutMs?: number;
}

/** One benchmarked server process, with its CPU, GC counts and a temporary DATA_DIR. */
export interface BenchServer {
  label: string;
  url: string;
  pid: number;
  /** From spawn to listening, in seconds. */
  startSeconds: number;
  cpu(): Promise<ProcessCpu>;
  probe(): Promise<ProbeTotals>;
  stop(): Promise<void>;
}

export async function startBenchServer(spec: BenchServerSpec): Promise<BenchServer> {
  const dir = await mkdtemp(join(tmpdir(), 'sg-bench-'));
  const probeFile = join(dir, 'probe.json');
  let server: ServerProcess;
  const started = performance.now();
  try {
    server = await spawnServer({
      script: spec.script,
      cwd: spec.cwd,
      env: { DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'info', BENCH_PROBE_FILE: probeFile, ...spec.env },
      nodeArgs: ['--import', PROBE, ...(spec.nodeArgs ?? [])],
      startTimeoutMs: spec.startTimeoutMs,
    });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  let seq = 0;
  return {
    label: spec.label,
    url: server.url,
    pid: server.pid,
    startSeconds: (performance.now() - started) / 1000,
    cpu: () => processCpu(server.pid),
    async probe() {
      seq += 1;
      process.kill(server.pid, 'SIGUSR2');
      for (let attempt = 0; attempt < 100; attempt++) {
        const text = await readFile(probeFile, 'utf8').catch(() => '');
        const totals = text ? (JSON.parse(text) as ProbeTotals & { seq: number }) : undefined;
        if (totals && totals.seq >= seq) return totals;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`bench: ${spec.label} did not answer the GC probe`);
    },
    async stop() {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
