import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { LowdbStore, STORE_FILE } from '../../../src/core/store/lowdb-store.js';
import { openStore } from '../../../src/core/store/open-store.js';
import { PostgresStore } from '../../../src/core/store/postgres-store.js';
import { describePostgres } from '../../helpers/postgres.js';
import { recordingLogger } from '../../helpers/recording-logger.js';

it('opens the embedded file store in dataDir when no database URL is set', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'open-store-'));
  try {
    const logger = recordingLogger();
    const store = await openStore({ dataDir: dir }, logger);
    expect(store).toBeInstanceOf(LowdbStore);
    await store.put('feedback/r1', { helpful: true });
    await stat(join(dir, STORE_FILE));
    expect(logger.records.map((r) => r.obj)).toContainEqual({ backend: 'lowdb', dataDir: dir });
    await store.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

describePostgres('openStore with a database URL', (url) => {
  it('opens PostgreSQL (public schema of the test database) and leaves dataDir alone', async () => {
    const dir = join(tmpdir(), `open-store-unused-${process.pid}`);
    const store = await openStore({ dataDir: dir, databaseUrl: url });
    expect(store).toBeInstanceOf(PostgresStore);
    expect(await store.healthy()).toBe(true);
    await expect(stat(dir)).rejects.toMatchObject({ code: 'ENOENT' });
    await store.close();
  });
});
