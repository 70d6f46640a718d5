import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../../src/core/store/data-dir-lock.js';
import { openLowdbStore } from '../../../src/core/store/lowdb-store.js';
import { recordingLogger } from '../../helpers/recording-logger.js';

const HOLDER = resolve(import.meta.dirname, '../../helpers/store-lock-holder.ts');

function startHolder(dir: string): {
  child: ChildProcess;
  ready: Promise<void>;
  exit: Promise<{ code: number | null; stderr: string }>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, dir], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const ready = new Promise<void>((done, fail) => {
    child.stdout?.setEncoding('utf8').on('data', (c: string) => c.includes('ready') && done());
    child.once('exit', () => fail(new Error(`holder exited before ready: ${stderr}`)));
  });
  ready.catch(() => undefined); // a holder that is meant to be refused never gets ready
  const exit = once(child, 'exit').then(([code]) => ({ code: code as number | null, stderr }));
  return { child, ready, exit };
}

describe('embedded store: one process per DATA_DIR', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sg-lock-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a second open in the same process until the first is closed', async () => {
    const first = await openLowdbStore(dir);
    await first.put('a', 1);
    await expect(openLowdbStore(dir)).rejects.toThrow(/in use by another process/);
    await first.close();
    expect(await readFile(join(dir, LOCK_FILE), 'utf8').catch(() => 'released')).toBe('released');
    const second = await openLowdbStore(dir);
    expect((await second.get('a'))?.value).toBe(1);
    await second.close();
  });

  it('refuses another process on this host with a clear error, and loses nothing the holder saved', async () => {
    const store = await openLowdbStore(dir);
    await store.put('saved', { by: 'parent' });
    const intruder = startHolder(dir);
    const result = await intruder.exit;
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`is in use by another process (pid ${process.pid}`);
    expect(result.stderr).toMatch(/PostgreSQL \(DATABASE_URL\)/);
    await store.put('after', 2);
    await store.close();
    const reopened = await openLowdbStore(dir);
    expect((await reopened.get('saved'))?.value).toEqual({ by: 'parent' });
    expect((await reopened.get('after'))?.value).toBe(2);
    expect(await reopened.list('holder/')).toEqual([]);
    await reopened.close();
  });

  it('takes over at once a lock left by a process that was killed', async () => {
    const holder = startHolder(dir);
    await holder.ready;
    const pid = holder.child.pid as number;
    holder.child.kill('SIGKILL');
    await holder.exit;
    expect(JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8')).pid).toBe(pid);

    const logger = recordingLogger();
    const store = await openLowdbStore(dir, { logger });
    expect((await store.get(`holder/${pid}`))?.value).toEqual({ pid });
    expect(logger.records.map((r) => r.msg)).toContain(
      'store: taking over a lock left by a process that is no longer running',
    );
    await store.close();
  });

  it('waits for a lock written from another host, refusing while it is fresh and taking it over once stale', async () => {
    const path = join(dir, LOCK_FILE);
    await writeFile(
      path,
      JSON.stringify({ pid: 1, host: 'another-container', since: new Date().toISOString() }),
    );
    const timing = { heartbeatMs: 20, staleMs: 60_000, waitMs: 100 };
    await expect(openLowdbStore(dir, { lockTiming: timing })).rejects.toThrow(/pid 1 on another-container/);

    const old = new Date(Date.now() - 120_000);
    await utimes(path, old, old);
    const store = await openLowdbStore(dir, { lockTiming: timing });
    expect(JSON.parse(await readFile(path, 'utf8')).pid).toBe(process.pid);
    await store.close();
  });

  it('keeps the lock fresh while held (heartbeat)', async () => {
    const store = await openLowdbStore(dir, { lockTiming: { heartbeatMs: 20 } });
    const path = join(dir, LOCK_FILE);
    const old = new Date(Date.now() - 120_000);
    await utimes(path, old, old);
    await expect.poll(async () => stat(path).then((s) => Date.now() - s.mtimeMs)).toBeLessThan(60_000);
    await store.close();
  });

  it('opens read-only beside a running holder: sees its data, writes nothing', async () => {
    const holder = startHolder(dir);
    await holder.ready;
    const snapshot = await openLowdbStore(dir, { readOnly: true });
    expect(await snapshot.list('holder/')).toHaveLength(1);
    await expect(snapshot.put('x', 1)).rejects.toThrow(/read-only/);
    await snapshot.close();
    holder.child.stdin?.end();
    expect((await holder.exit).code).toBe(0);
  });
});
