import type { LockingStore } from './leader-lock.js';
import { openLowdbStore } from './lowdb-store.js';
import { silentLogger, type StoreLogger } from './store-logger.js';

/**
 * Chooses the backend: PostgreSQL when a database URL is configured (several instances can share
 * it), else the embedded lowdb file under dataDir (one instance only).
 */
export async function openStore(
  config: { dataDir: string; databaseUrl?: string },
  logger: StoreLogger = silentLogger,
  options: { readOnly?: boolean } = {},
): Promise<LockingStore> {
  if (config.databaseUrl) {
    logger.info({ backend: 'postgres' }, 'store: using PostgreSQL (DATABASE_URL)');
    // Loaded only when configured: the pg driver is start-up time a lowdb deployment never uses.
    const { openPostgresStore } = await import('./postgres-store.js');
    return openPostgresStore(config.databaseUrl, { logger });
  }
  logger.info({ backend: 'lowdb', dataDir: config.dataDir }, 'store: using the embedded file store');
  // Read-only: a snapshot that takes no lock, so a report can be read beside a running server.
  return openLowdbStore(config.dataDir, { logger, readOnly: options.readOnly });
}
