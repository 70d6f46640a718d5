import type pg from 'pg';
import type { StoreLogger } from './store-logger.js';

interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Append-only: never edit an applied migration, add a new one.
 * key is COLLATE "C": byte order (the same order the other backends list in), and it lets the
 * primary-key btree serve `key LIKE 'prefix%'`, so list-by-prefix is an index range scan.
 * The digest ledger needs no table of its own: its uniqueness is the key itself
 * (digest-ledger/{channel}/{period}) under this primary key, written with ifNoneMatch '*'
 * → INSERT … ON CONFLICT DO NOTHING, so two instances can never both record one digest.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'kv',
    sql: `CREATE TABLE kv (
      key text COLLATE "C" PRIMARY KEY,
      value jsonb NOT NULL,
      etag text NOT NULL,
      version bigint NOT NULL DEFAULT 1,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
  },
];

export const MIGRATION_LOCK = 'safeguarding-guide:migrations';

/** Applies pending migrations, one transaction each, under an advisory lock so that instances starting together take turns. */
export async function migrate(pool: pg.Pool, schema: string, logger: StoreLogger): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [MIGRATION_LOCK]);
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await client.query(`CREATE TABLE IF NOT EXISTS ${schema}.schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
      const { rows } = await client.query<{ version: number }>(
        `SELECT version FROM ${schema}.schema_migrations`,
      );
      const applied = new Set(rows.map((r) => r.version));
      let count = 0;
      for (const migration of MIGRATIONS) {
        if (applied.has(migration.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(`SET LOCAL search_path TO ${schema}`);
          await client.query(migration.sql);
          await client.query(`INSERT INTO ${schema}.schema_migrations (version, name) VALUES ($1, $2)`, [
            migration.version,
            migration.name,
          ]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
        logger.info({ schema, version: migration.version, name: migration.name }, 'store: applied migration');
        count++;
      }
      return count;
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}
