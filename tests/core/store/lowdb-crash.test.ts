import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLowdbStore } from '../../../src/core/store/lowdb-store.js';
import { recordingLogger } from '../../helpers/recording-logger.js';

const WRITER = resolve(import.meta.dirname, '../../helpers/store-crash-writer.ts');
const ITERATIONS = 50;

/**
 * The writer (and the real store code it imports) bundled to one plain JS file by esbuild, the
 * transformer tsx itself uses: it starts in about 0.1 s instead of about 0.7 s under `--import tsx`,
 * which is what makes 50 kills affordable.
 */
async function bundleWriter(outDir: string): Promise<string> {
  const outfile = join(outDir, 'store-crash-writer.mjs');
  await build({
    entryPoints: [WRITER],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}

interface Kill {
  acks: Map<string, number>;
  sawReady: boolean;
}

/** Starts the writer, kills it with SIGKILL at a random moment, returns the writes it acknowledged. */
function runAndKill(writer: string, dir: string, iteration: number): Promise<Kill> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [writer, dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acks = new Map<string, number>();
    let buffered = '';
    let stderr = '';
    let sawReady = false;
    const kill = () => child.kill('SIGKILL');
    // Every fifth run dies at a random point of start-up (possibly mid-open); the rest mid-writing.
    if (iteration % 5 === 0) setTimeout(kill, Math.random() * 300);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? ''; // a line cut by the kill was never a complete acknowledgement
      for (const line of lines) {
        if (line === 'ready') {
          sawReady = true;
          if (iteration % 5 !== 0) setTimeout(kill, Math.random() * 150);
        }
        const [tag, key, count] = line.split(' ');
        if (tag === 'ack' && key && count) acks.set(key, Math.max(acks.get(key) ?? 0, Number(count)));
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') fail(new Error(`writer exited by itself (code ${code}): ${stderr}`));
      else done({ acks, sawReady });
    });
  });
}

describe('lowdb store crash safety', () => {
  let dir: string;
  let bundleDir: string;
  let writer: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'store-crash-'));
    bundleDir = await mkdtemp(join(tmpdir(), 'store-crash-writer-'));
    writer = await bundleWriter(bundleDir);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await rm(bundleDir, { recursive: true, force: true });
  });

  it(`keeps every acknowledged write across ${ITERATIONS} kill -9s at random moments`, async () => {
    const acknowledged = new Map<string, number>();
    let killedWhileWriting = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      const { acks, sawReady } = await runAndKill(writer, dir, i);
      if (sawReady && acks.size > 0) killedWhileWriting++;
      for (const [key, count] of acks) acknowledged.set(key, Math.max(acknowledged.get(key) ?? 0, count));

      // Must open from the main file: atomic writes mean a kill never leaves it corrupt. The only
      // warning allowed is taking over the lock the killed writer left.
      const logger = recordingLogger();
      const store = await openLowdbStore(dir, { logger });
      expect(
        logger.records.filter((r) => r.level !== 'info' && !r.msg.startsWith('store: taking over a lock')),
        `iteration ${i}: ${logger.text()}`,
      ).toEqual([]);
      for (const [key, count] of acknowledged) {
        const run = await store.get<{ answers: string[] }>(key);
        expect(run, `iteration ${i}: ${key} lost`).toBeDefined();
        // Later unacknowledged writes may also have landed, so at least as many answers.
        expect(run?.value.answers.length, `iteration ${i}: ${key} lost answers`).toBeGreaterThanOrEqual(
          count,
        );
      }
      await store.close();
    }
    expect(acknowledged.size).toBeGreaterThan(0);
    expect(killedWhileWriting).toBeGreaterThan(ITERATIONS / 2);
  }, 180_000);
});
