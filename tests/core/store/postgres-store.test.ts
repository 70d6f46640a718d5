import pg from 'pg';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { ConflictError } from '../../../src/core/errors.js';
import { BOT_STATE_PREFIX, BotStorage, NEW_ITEM_ETAG } from '../../../src/channels/teams/bot-storage.js';
import { MIGRATIONS } from '../../../src/core/store/postgres-migrations.js';
import {
  advisoryLockName,
  openPostgresStore,
  type PostgresStore,
} from '../../../src/core/store/postgres-store.js';
import type { PutOptions, Store } from '../../../src/core/store/store.js';
import { updateWithRetry } from '../../../src/core/store/update.js';
import { RACE_ATTEMPTS } from './contract.js';
import { describePostgres, dropSchema, testSchema } from '../../helpers/postgres.js';
import { recordingLogger } from '../../helpers/recording-logger.js';

describePostgres('PostgreSQL store', (url) => {
  const schema = testSchema();
  let sql: pg.Client;
  const opened: PostgresStore[] = [];
  /** Each call is a separate pool: as far as PostgreSQL can tell, another server instance. */
  const instance = async () => {
    const store = await openPostgresStore(url, { schema });
    opened.push(store);
    return store;
  };

  beforeAll(async () => {
    sql = new pg.Client({ connectionString: url });
    await sql.connect();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });
  afterAll(async () => {
    await sql.end();
    await dropSchema(url, schema);
  });

  it('migrates once even when several instances start together, and logs it', async () => {
    const logger = recordingLogger();
    const first = openPostgresStore(url, { schema, logger });
    const rest = Array.from({ length: 4 }, () => instance());
    opened.push(await first, ...(await Promise.all(rest)));
    const { rows } = await sql.query(
      `SELECT version, name FROM ${schema}.schema_migrations ORDER BY version`,
    );
    expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    const { rows: columns } = await sql.query(
      `SELECT column_name, data_type FROM information_schema.columns
       WHERE table_schema = $1 AND table_name = 'kv' ORDER BY ordinal_position`,
      [schema],
    );
    expect(columns.map((c) => `${c.column_name}:${c.data_type}`)).toEqual([
      'key:text',
      'value:jsonb',
      'etag:text',
      'version:bigint',
      'updated_at:timestamp with time zone',
    ]);
    expect(logger.records.some((r) => r.msg.includes('PostgreSQL ready'))).toBe(true);
  });

  it('counts writes in the row version and gives each write a new eTag', async () => {
    const store = await instance();
    const e1 = await store.put('checklist/u/r', { n: 1 });
    const e2 = await store.put('checklist/u/r', { n: 2 }, { ifMatch: e1 });
    expect(e2).not.toBe(e1);
    const { rows } = await sql.query(`SELECT version, etag FROM ${schema}.kv WHERE key = 'checklist/u/r'`);
    expect(rows).toEqual([{ version: '2', etag: e2 }]);
  });

  it('reads several keys in one statement (getMany): present ones only, duplicates once', async () => {
    const store = await instance();
    const e1 = await store.put('botstate/msteams/b/conversations/c1', { topic: 'x' });
    const e2 = await store.put('botstate/msteams/b/users/u1', { n: [1, 2] });
    const found = await store.getMany([
      'botstate/msteams/b/conversations/c1',
      'botstate/msteams/b/users/u1',
      'botstate/msteams/b/users/u1',
      'botstate/absent',
    ]);
    expect([...found.entries()].sort()).toEqual([
      [
        'botstate/msteams/b/conversations/c1',
        { key: 'botstate/msteams/b/conversations/c1', value: { topic: 'x' }, eTag: e1 },
      ],
      ['botstate/msteams/b/users/u1', { key: 'botstate/msteams/b/users/u1', value: { n: [1, 2] }, eTag: e2 }],
    ]);
    expect((await store.getMany([])).size).toBe(0);
  });

  it('gives BotStorage the same turn state through getMany as through get', async () => {
    const store = await instance();
    await store.put(`${BOT_STATE_PREFIX}msteams/b/conversations/c1`, { topic: 'x' });
    const keys = ['msteams/b/conversations/c1', 'msteams/b/users/new-user', 'other/key'];
    const batched = await new BotStorage(store).read(keys);
    // The same database through a Store without getMany: BotStorage falls back to one get per key.
    const perKey: Store = {
      get: <T>(key: string) => store.get<T>(key),
      put: <T>(key: string, value: T, options?: PutOptions) => store.put(key, value, options),
      delete: (key, options) => store.delete(key, options),
      list: <T>(prefix: string) => store.list<T>(prefix),
      healthy: () => store.healthy(),
      close: async () => {},
    };
    expect(await new BotStorage(perKey).read(keys)).toEqual(batched);
    expect(batched).toEqual({
      'msteams/b/conversations/c1': { topic: 'x', eTag: expect.any(String) },
      'msteams/b/users/new-user': { eTag: NEW_ITEM_ETAG },
    });
  });

  it('lists by prefix with an index range scan on the primary key', async () => {
    const store = await instance();
    await store.put('digest-ledger/C1/2024-W01', { sent: true });
    await sql.query('BEGIN');
    try {
      await sql.query(`SET LOCAL search_path TO ${schema}`);
      await sql.query('SET LOCAL enable_seqscan = off'); // a tiny table would otherwise be scanned
      const { rows } = await sql.query(
        "EXPLAIN SELECT key, value, etag FROM kv WHERE key LIKE 'digest-ledger/C1/%' ESCAPE '\\' ORDER BY key",
      );
      const plan = rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
      expect(plan).toMatch(/Index (Only )?Scan (using|on) kv_pkey/);
      expect(plan).toMatch(/Index Cond: \(\(key >= 'digest-ledger\/C1\/'::text\) AND \(key < /);
    } finally {
      await sql.query('ROLLBACK');
    }
  });

  it('records a digest once when two instances race for the same (channel, period)', async () => {
    const [a, b] = [await instance(), await instance()];
    const key = 'digest-ledger/C-race/2024-W11';
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).put(key, { by: i }, { ifNoneMatch: '*' })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof ConflictError)).toHaveLength(
      19,
    );
    const { rows } = await sql.query(`SELECT count(*)::int AS n FROM ${schema}.kv WHERE key = $1`, [key]);
    expect(rows[0].n).toBe(1);
  });

  it('loses no answer when two instances update one checklist run at once', async () => {
    const [a, b] = [await instance(), await instance()];
    const key = 'checklist/u1/shared-run';
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        updateWithRetry<{ answers: number[] }>(
          i % 2 ? a : b,
          key,
          (run) => ({ answers: [...(run?.answers ?? []), i] }),
          RACE_ATTEMPTS,
        ),
      ),
    );
    const answers = (await a.get<{ answers: number[] }>(key))?.value.answers ?? [];
    expect([...answers].sort((x, y) => x - y)).toEqual(Array.from({ length: 60 }, (_, i) => i));
  });

  it('elects one leader across instances with an advisory lock', async () => {
    const [a, b] = [await instance(), await instance()];
    const held = await a.tryAdvisoryLock('digest-leader');
    expect(held).toBeDefined();
    expect(await b.tryAdvisoryLock('digest-leader')).toBeUndefined();
    expect(await a.tryAdvisoryLock('digest-leader')).toBeUndefined(); // another session of the same instance
    expect(await b.tryAdvisoryLock('another-job')).toBeDefined();
    await held?.release();
    const next = await b.tryAdvisoryLock('digest-leader');
    expect(next).toBeDefined();
    await next?.release();
  });

  it('frees the leader lock when the holding instance goes away', async () => {
    const leader = await openPostgresStore(url, { schema });
    expect(await leader.tryAdvisoryLock('digest-leader')).toBeDefined();
    const other = await instance();
    expect(await other.tryAdvisoryLock('digest-leader')).toBeUndefined();
    // Kill the leader's session from outside, as if its process had died.
    const { rows } = await sql.query(
      `SELECT pg_terminate_backend(pid) AS killed FROM pg_locks
       WHERE locktype = 'advisory' AND granted
         AND ((classid::bigint << 32) | objid::bigint) = hashtextextended($1, 0)`,
      [advisoryLockName(schema, 'digest-leader')],
    );
    expect(rows).toEqual([{ killed: true }]);
    await leader.close();
    const takeover = await other.tryAdvisoryLock('digest-leader');
    expect(takeover).toBeDefined();
    await takeover?.release();
  });

  it('reports healthy, and not after close; refuses a bad URL with a clear error', async () => {
    const store = await openPostgresStore(url, { schema });
    expect(await store.healthy()).toBe(true);
    await store.close();
    expect(await store.healthy()).toBe(false);
    const bad = new URL(url);
    bad.pathname = '/no_such_database_here';
    await expect(openPostgresStore(bad.toString(), { schema })).rejects.toThrow(
      /cannot prepare PostgreSQL \(3D000\)/,
    );
  });
});
