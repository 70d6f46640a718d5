import { randomUUID } from 'node:crypto';
import { mkdir, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { CodedError } from '../errors.js';
import { acquireDataDirLock, type DataDirLock, type LockTiming } from './data-dir-lock.js';
import { InProcessLocks, type HeldLock } from './leader-lock.js';
import { DurableJsonFile, readStoreFile, emptyStoreFile, type StoreFile } from './store-file.js';
import { silentLogger, type StoreLogger } from './store-logger.js';
import { checkIfMatch, checkPut, compareKeys, newETag, toJsonValue } from './store-semantics.js';
import type { PutOptions, Store, StoredItem } from './store.js';

interface Entry {
  eTag: string;
  value: unknown;
}

type Op =
  | {
      kind: 'put';
      key: string;
      value: unknown;
      options?: PutOptions;
      resolve: (eTag: string) => void;
      reject: (e: unknown) => void;
    }
  | {
      kind: 'delete';
      key: string;
      ifMatch?: string;
      resolve: (deleted: boolean) => void;
      reject: (e: unknown) => void;
    };

export const STORE_FILE = 'store.json';
export const BACKUP_FILE = 'store.json.bak';

/**
 * Opens the embedded store in `dataDir` (single process only: lowdb rewrites the whole file).
 * Missing files → empty store (first start). A corrupt main file → restored from the backup with an
 * error-level log. Both unusable → throws CodedError('internal'): the server must not start empty
 * over data it could not read.
 */
export async function openLowdbStore(
  dataDir: string,
  options: { logger?: StoreLogger; readOnly?: boolean; lockTiming?: Partial<LockTiming> } = {},
): Promise<LowdbStore> {
  const logger = options.logger ?? silentLogger;
  const adapter = new DurableJsonFile(join(dataDir, STORE_FILE), join(dataDir, BACKUP_FILE), logger);
  if (options.readOnly) {
    const { data } = await loadWithRecovery(adapter, logger);
    return new LowdbStore(new Low<StoreFile>(adapter, data), dataDir, logger);
  }
  await mkdir(dataDir, { recursive: true });
  const lock = await acquireDataDirLock(dataDir, logger, options.lockTiming);
  try {
    const { data, needsWrite } = await loadWithRecovery(adapter, logger);
    const store = new LowdbStore(new Low<StoreFile>(adapter, data), dataDir, logger, lock);
    if (needsWrite) await store.rewrite();
    return store;
  } catch (error) {
    await lock.release();
    throw error;
  }
}

async function loadWithRecovery(
  adapter: DurableJsonFile,
  logger: StoreLogger,
): Promise<{ data: StoreFile; needsWrite: boolean }> {
  const main = await readStoreFile(adapter.path);
  const backup = await readStoreFile(adapter.backupPath);
  if (main.kind === 'ok') {
    if (backup.kind !== 'ok') {
      logger.warn(
        { path: adapter.backupPath, state: backup.kind },
        'store: backup file unusable; rewriting it',
      );
    }
    return { data: main.data, needsWrite: backup.kind !== 'ok' };
  }
  if (main.kind === 'missing' && backup.kind === 'missing') {
    logger.info({ path: adapter.path }, 'store: no store file yet; starting an empty store (first start)');
    return { data: emptyStoreFile(), needsWrite: true };
  }
  const mainState = main.kind === 'missing' ? 'is missing' : main.reason;
  if (backup.kind === 'ok') {
    logger.error(
      { path: adapter.path, backupPath: adapter.backupPath, items: Object.keys(backup.data.items).length },
      `store: STORE FILE ${mainState.toUpperCase()}; RESTORED FROM BACKUP (writes after the backup may be lost)`,
    );
    return { data: backup.data, needsWrite: true };
  }
  const backupState = backup.kind === 'missing' ? 'is missing' : backup.reason;
  throw new CodedError(
    'internal',
    `Store unreadable: ${adapter.path} ${mainState} and its backup ${adapter.backupPath} ${backupState}. ` +
      'Refusing to start with an empty store. Restore one of these files from a backup, ' +
      'or move both aside to deliberately start empty.',
  );
}

export class LowdbStore implements Store {
  #committed: Map<string, Entry>;
  #pending: Op[] = [];
  #draining: Promise<void> | undefined;
  #closed = false;
  readonly #locks = new InProcessLocks();

  /** Without a lock the store is a read-only snapshot (reports from the terminal beside a running server). */
  constructor(
    private readonly db: Low<StoreFile>,
    private readonly dataDir: string,
    private readonly logger: StoreLogger,
    private readonly lock?: DataDirLock,
  ) {
    this.#committed = new Map(Object.entries(db.data.items));
    db.data = toFile(this.#committed);
  }

  async get<T>(key: string): Promise<StoredItem<T> | undefined> {
    const entry = this.#committed.get(key);
    return entry && { key, value: structuredClone(entry.value) as T, eTag: entry.eTag };
  }

  async list<T>(prefix: string): Promise<StoredItem<T>[]> {
    return [...this.#committed.entries()]
      .filter(([key]) => key.startsWith(prefix))
      .sort(([a], [b]) => compareKeys(a, b))
      .map(([key, entry]) => ({ key, value: structuredClone(entry.value) as T, eTag: entry.eTag }));
  }

  /** Resolves only once the write is durably on disk. */
  put<T>(key: string, value: T, options?: PutOptions): Promise<string> {
    return new Promise((resolve, reject) => {
      this.#enqueue({ kind: 'put', key, value: toJsonValue(value), options, resolve, reject });
    });
  }

  delete(key: string, options?: { ifMatch?: string }): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.#enqueue({ kind: 'delete', key, ifMatch: options?.ifMatch, resolve, reject });
    });
  }

  async healthy(): Promise<boolean> {
    if (this.#closed) return false;
    // One name per check: overlapping checks (a load balancer's, a monitor's) must not unlink each other's file.
    const probe = join(this.dataDir, `.store-health-${process.pid}-${randomUUID()}`);
    try {
      await writeFile(probe, 'ok');
      await unlink(probe);
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#draining;
    await this.lock?.release();
  }

  tryAdvisoryLock(name: string): Promise<HeldLock | undefined> {
    return Promise.resolve(this.#locks.tryLock(name));
  }

  /** Writes the current committed state (after first start or a restore). */
  async rewrite(): Promise<void> {
    this.db.data = toFile(this.#committed);
    await this.db.write();
  }

  #enqueue(op: Op): void {
    if (this.#closed) {
      op.reject(new CodedError('internal', 'store: closed'));
      return;
    }
    if (!this.lock) {
      op.reject(new CodedError('internal', 'store: opened read-only; nothing can be written'));
      return;
    }
    this.#pending.push(op);
    this.#draining ??= this.#drain();
  }

  /**
   * Writes are serialised through this one loop. Ops that queued while a write was in flight are
   * committed together (group commit): one file rewrite for many puts, each checked in order.
   */
  async #drain(): Promise<void> {
    try {
      while (this.#pending.length > 0) await this.#commit(this.#pending.splice(0));
    } finally {
      this.#draining = undefined;
    }
  }

  async #commit(batch: Op[]): Promise<void> {
    const next = new Map(this.#committed);
    const done: (() => void)[] = [];
    const rejects: ((e: unknown) => void)[] = [];
    let changed = false;
    for (const op of batch) {
      try {
        if (op.kind === 'put') {
          checkPut(op.key, next.get(op.key)?.eTag, op.options);
          const eTag = newETag();
          next.set(op.key, { eTag, value: op.value });
          done.push(() => op.resolve(eTag));
          changed = true;
        } else {
          checkIfMatch(op.key, next.get(op.key)?.eTag, op.ifMatch);
          const existed = next.delete(op.key);
          done.push(() => op.resolve(existed));
          changed ||= existed;
        }
        rejects.push(op.reject);
      } catch (error) {
        op.reject(error); // a failed precondition does not depend on the disk
      }
    }
    if (changed) {
      this.db.data = toFile(next);
      try {
        await this.db.write();
      } catch (error) {
        this.db.data = toFile(this.#committed);
        const code = (error as NodeJS.ErrnoException).code;
        this.logger.error(
          { path: this.dataDir, code, ops: rejects.length },
          'store: write failed; nothing acknowledged',
        );
        const failure = new CodedError('internal', `store: write failed (${code ?? 'unknown error'})`, {
          cause: error,
        });
        for (const reject of rejects) reject(failure);
        return;
      }
      this.#committed = next;
    }
    for (const resolve of done) resolve();
  }
}

function toFile(items: Map<string, Entry>): StoreFile {
  // Object.fromEntries defines own properties, so a key like "__proto__" is stored safely.
  return { version: 1, items: Object.fromEntries(items) };
}
