import { hostname } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { link, open, readFile, stat, unlink, utimes } from 'node:fs/promises';
import { CodedError } from '../errors.js';
import type { StoreLogger } from './store-logger.js';

export const LOCK_FILE = 'store.lock';

interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

export interface LockTiming {
  /** How often the holder touches the lock file. */
  heartbeatMs: number;
  /** A lock not touched for this long belongs to a process that is gone (another host or container). */
  staleMs: number;
  /** How long to wait for a lock held from another host to go stale before giving up. */
  waitMs: number;
  sleep: (ms: number) => Promise<void>;
}

/** Lock files this process holds: a second store on the same directory in one process is refused too. */
const heldHere = new Set<string>();

const DEFAULT_TIMING: LockTiming = {
  heartbeatMs: 10_000,
  staleMs: 30_000,
  waitMs: 40_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface DataDirLock {
  release(): Promise<void>;
}

/**
 * The embedded store rewrites its whole file from memory, so a second process writing the same
 * DATA_DIR (a second server, or `npm run digest -- send` beside a running server) would silently undo
 * the other's writes. One process holds `store.lock`; another on this host is refused at once. A lock
 * left by a process that died is taken over: at once when its pid is gone on this host, after
 * `staleMs` without a heartbeat when it was written from another host (a recreated container).
 */
export async function acquireDataDirLock(
  dataDir: string,
  logger: StoreLogger,
  timing: Partial<LockTiming> = {},
): Promise<DataDirLock> {
  const t = { ...DEFAULT_TIMING, ...timing };
  const path = join(dataDir, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  const deadline = Date.now() + t.waitMs;
  if (heldHere.has(path)) throw heldError(path, { ...me, since: 'earlier' });

  for (;;) {
    if (await tryCreate(path, me)) break;
    const holder = await readHolder(path);
    if (holder === 'gone') continue;
    const age = holder ? Date.now() - holder.touchedAt : Infinity;
    const owner = holder?.owner;
    // Our own pid in a lock we do not hold: a restarted container reusing the pid.
    const deadHere = owner && owner.host === me.host && (owner.pid === me.pid || !isAlive(owner.pid));
    if (!owner || deadHere || age > t.staleMs) {
      logger.warn(
        { path, pid: owner?.pid, host: owner?.host, idleMs: Number.isFinite(age) ? age : undefined },
        'store: taking over a lock left by a process that is no longer running',
      );
      await unlink(path).catch(() => undefined);
      continue;
    }
    if (owner.host === me.host || Date.now() >= deadline) throw heldError(path, owner);
    logger.warn(
      { path, pid: owner.pid, host: owner.host, idleMs: age },
      'store: waiting for the store lock held from another host to be released or go stale',
    );
    await t.sleep(Math.min(t.heartbeatMs, Math.max(0, deadline - Date.now())));
  }

  heldHere.add(path);
  const heartbeat = setInterval(() => {
    const now = new Date();
    utimes(path, now, now).catch((error: NodeJS.ErrnoException) =>
      logger.error({ path, code: error.code }, 'store: cannot refresh the store lock'),
    );
  }, t.heartbeatMs);
  heartbeat.unref();

  return {
    async release() {
      clearInterval(heartbeat);
      heldHere.delete(path);
      const holder = await readHolder(path);
      if (holder && holder !== 'gone' && holder.owner?.pid === me.pid && holder.owner.since === me.since) {
        await unlink(path).catch(() => undefined);
      }
    },
  };
}

/** Creates the lock with its content in one step (write a private file, then hard-link it into place). */
async function tryCreate(path: string, me: LockOwner): Promise<boolean> {
  const temp = `${path}.${me.pid}.${randomUUID().slice(0, 8)}`;
  const file = await open(temp, 'wx');
  try {
    await file.writeFile(JSON.stringify(me));
    await file.sync();
  } finally {
    await file.close();
  }
  try {
    await link(temp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/** The holder and when it last touched the lock; owner undefined when the file is not ours to read (edited by hand). */
async function readHolder(path: string): Promise<{ owner?: LockOwner; touchedAt: number } | 'gone'> {
  try {
    const [text, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    return { owner: parseOwner(text), touchedAt: info.mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const o = JSON.parse(text) as Partial<LockOwner>;
    return typeof o.pid === 'number' && typeof o.host === 'string' && typeof o.since === 'string'
      ? { pid: o.pid, host: o.host, since: o.since }
      : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function heldError(path: string, owner: LockOwner): CodedError {
  return new CodedError(
    'conflict',
    `The store in ${path.replace(/[/\\]store\.lock$/, '')} is in use by another process ` +
      `(pid ${owner.pid} on ${owner.host}, since ${owner.since}). The embedded store serves one process: ` +
      'stop that process first (e.g. run `npm run digest -- send` only while the server is stopped, or ' +
      'leave sending to the server), or run several instances on PostgreSQL (DATABASE_URL). If no such ' +
      `process is running, delete ${path}.`,
  );
}
