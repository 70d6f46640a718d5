import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKUP_FILE } from '../../src/core/store/lowdb-store.js';
import { startCaptureServer, type CaptureServer } from '../helpers/capture-server.js';
import { describePostgres } from '../helpers/postgres.js';
import { spawnServer } from '../helpers/server-process.js';
import { createTempDatabase } from '../helpers/temp-database.js';
import { EVERYTHING, findNeedles, IDENTIFIERS, nhsCheckDigitValid } from './identifiers.js';
import { sendIdentifiableTraffic } from './scenario.js';

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** The store keys whose values hold a needle (to say where a leak is). */
function leakedKeys(storeJson: string): string {
  try {
    const items = (JSON.parse(storeJson) as { items?: Record<string, unknown> }).items ?? {};
    return Object.entries(items)
      .filter(([, v]) => findNeedles(JSON.stringify(v)).length > 0)
      .map(([k, v]) => `${k} = ${JSON.stringify(v).slice(0, 300)}`)
      .join('; ');
  } catch {
    return 'not JSON';
  }
}

interface Run {
  log: string;
  dataFiles: Map<string, string>;
  tried: number;
}

/** Runs the real server as a child process at LOG_LEVEL=debug, sends identifiable traffic, stops it, collects every byte it wrote. */
async function runServer(capture: CaptureServer, env: Record<string, string> = {}): Promise<Run> {
  const dir = await mkdtemp(join(tmpdir(), 'sg-privacy-'));
  const dataDir = join(dir, 'data');
  const logFile = join(dir, 'server.log');
  try {
    const server = await spawnServer({ env: { DATA_DIR: dataDir, LOG_LEVEL: 'debug', ...env }, logFile });
    let tried = 0;
    try {
      tried = await sendIdentifiableTraffic(server.url, capture);
    } finally {
      await server.stop();
    }
    const dataFiles = new Map<string, string>();
    for (const file of await filesUnder(dataDir).catch(() => []))
      dataFiles.set(file.slice(dataDir.length + 1), await readFile(file, 'utf8'));
    return { log: await readFile(logFile, 'utf8'), dataFiles, tried };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function expectRealTraffic(run: Run, capture: CaptureServer): void {
  expect(run.tried).toBeGreaterThanOrEqual(Object.keys(IDENTIFIERS).length + 1);
  expect(capture.captured.length).toBeGreaterThan(20);
  // Turns really were logged (so "nothing found" means nothing leaked, not nothing written).
  expect(run.log.match(/"msg":"teams: replied"/g)?.length ?? 0).toBeGreaterThan(10);
}

describe('no identifiable test string in logs or the embedded store', () => {
  let capture: CaptureServer;
  let run: Run;
  beforeAll(async () => {
    expect(nhsCheckDigitValid(IDENTIFIERS.nhsNumber)).toBe(true);
    capture = await startCaptureServer();
    run = await runServer(capture);
  }, 120_000);
  afterAll(() => capture?.close());

  it('the traffic reached the server and was logged at debug level', () => {
    expectRealTraffic(run, capture);
    // The replies (to the practitioner, not the log) did receive the text: the test strings were live.
    expect(capture.captured.some((c) => JSON.stringify(c.activity).includes('identif'))).toBe(true);
  });

  it('the captured stdout/stderr holds none of them', () => {
    expect(findNeedles(run.log)).toEqual([]);
  });

  it('no file under DATA_DIR, including the backup, holds any of them', () => {
    expect([...run.dataFiles.keys()]).toEqual(expect.arrayContaining(['store.json', BACKUP_FILE]));
    for (const [file, text] of run.dataFiles)
      expect(findNeedles(text), `${file}: ${leakedKeys(text)}`).toEqual([]);
    // The checklist run itself was stored (with the neutral answers), so the store was written.
    expect(run.dataFiles.get('store.json')).toContain('"checklistId":"referral"');
  });
});

describePostgres('no identifiable test string in logs or the PostgreSQL store', (baseUrl) => {
  let capture: CaptureServer;
  let run: Run;
  let rows: string;
  beforeAll(async () => {
    capture = await startCaptureServer();
    const db = await createTempDatabase(baseUrl, 'sg_privacy');
    try {
      run = await runServer(capture, { DATABASE_URL: db.url });
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      try {
        const { rows: all } = await client.query<{ key: string; value: string }>(
          'SELECT key, value::text AS value FROM kv ORDER BY key',
        );
        rows = all.map((r) => `${r.key}\t${r.value}`).join('\n');
      } finally {
        await client.end();
      }
    } finally {
      await db.drop();
    }
  }, 120_000);
  afterAll(() => capture?.close());

  it('the log and every kv row hold none of them', () => {
    expectRealTraffic(run, capture);
    expect(rows).toContain('"checklistId": "referral"');
    expect(findNeedles(run.log)).toEqual([]);
    expect(findNeedles(rows)).toEqual([]);
    expect(rows).not.toContain(EVERYTHING.slice(0, 40));
  });
});
