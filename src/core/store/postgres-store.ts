import pg from 'pg';
import { CodedError, ConflictError } from '../errors.js';
import type { HeldLock } from './leader-lock.js';
import { migrate } from './postgres-migrations.js';
import { silentLogger, type StoreLogger } from './store-logger.js';
import { newETag, toJsonValue } from './store-semantics.js';
import type { PutOptions, Store, StoredItem } from './store.js';

export interface PostgresStoreOptions {
  logger?: StoreLogger;
  /** Schema holding kv and schema_migrations (default public); tests use one each. */
  schema?: string;
  /** Pool size (default 10). */
  maxConnections?: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
/** Advisory locks are database-wide; the schema in the name keeps deployments (and test runs) apart. */
export function advisoryLockName(schema: string, name: string): string {
  return `safeguarding-guide:${schema}:lock:${name}`;
}

/** Opens the PostgreSQL store (several instances may share one database) and runs migrations. */
export async function openPostgresStore(
  databaseUrl: string,
  options: PostgresStoreOptions = {},
): Promise<PostgresStore> {
  const schema = options.schema ?? 'public';
  if (!SCHEMA_NAME.test(schema))
    throw new CodedError('internal', `store: invalid schema name ${JSON.stringify(schema)}`);
  const logger = options.logger ?? silentLogger;
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.maxConnections ?? 10,
    options: `-c search_path=${schema}`,
    application_name: 'safeguarding-guide',
  });
  // An idle client losing its connection emits here; without a listener it would crash the process.
  pool.on('error', (error) =>
    logger.error({ code: (error as { code?: string }).code }, 'store: idle PostgreSQL connection failed'),
  );
  try {
    const applied = await migrate(pool, schema, logger);
    logger.info({ schema, applied }, 'store: PostgreSQL ready');
  } catch (error) {
    await pool.end();
    const code = (error as { code?: string }).code;
    throw new CodedError(
      'internal',
      `store: cannot prepare PostgreSQL (${code ?? (error as Error).message})`,
      { cause: error },
    );
  }
  return new PostgresStore(pool, schema, logger);
}

interface Row {
  key: string;
  value: unknown;
  etag: string;
}

/**
 * The hot statements, prepared once per pooled connection (pg: a named query is parsed and planned
 * on first use, then only bound and executed), so a turn's reads and writes skip the parse/plan step.
 */
const SQL = {
  get: { name: 'kv-get', text: 'SELECT key, value, etag FROM kv WHERE key = $1' },
  create: {
    name: 'kv-create',
    text: 'INSERT INTO kv (key, value, etag) VALUES ($1, $2::jsonb, $3) ON CONFLICT (key) DO NOTHING',
  },
  updateIfMatch: {
    name: 'kv-update-if-match',
    text: `UPDATE kv SET value = $2::jsonb, etag = $3, version = version + 1, updated_at = now()
           WHERE key = $1 AND etag = $4`,
  },
  updateIfExists: {
    name: 'kv-update-if-exists',
    text: `UPDATE kv SET value = $2::jsonb, etag = $3, version = version + 1, updated_at = now()
           WHERE key = $1`,
  },
  upsert: {
    name: 'kv-upsert',
    text: `INSERT INTO kv (key, value, etag) VALUES ($1, $2::jsonb, $3)
           ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, etag = EXCLUDED.etag,
             version = kv.version + 1, updated_at = now()`,
  },
  deleteIfMatch: { name: 'kv-delete-if-match', text: 'DELETE FROM kv WHERE key = $1 AND etag = $2' },
  delete: { name: 'kv-delete', text: 'DELETE FROM kv WHERE key = $1' },
  list: {
    name: 'kv-list',
    text: "SELECT key, value, etag FROM kv WHERE key LIKE $1 ESCAPE '\\' ORDER BY key",
  },
} as const;

type Statement = (typeof SQL)[keyof typeof SQL] | { text: string };

/**
 * Store on one kv table. eTags are random per write (a version number alone would repeat after a
 * delete and re-create); `version` counts writes for operators. Each operation is one statement,
 * so the precondition check and the write are atomic without explicit transactions.
 */
export class PostgresStore implements Store {
  readonly sharedByInstances = true;
  readonly #inFlight = new Set<Promise<unknown>>();
  readonly #locks = new Set<HeldLock>();
  #closed = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly schema: string,
    private readonly logger: StoreLogger,
  ) {}

  async get<T>(key: string): Promise<StoredItem<T> | undefined> {
    const { rows } = await this.#query<Row>(SQL.get, [key]);
    const row = rows[0];
    return row && { key: row.key, value: row.value as T, eTag: row.etag };
  }

  async put<T>(key: string, value: T, options?: PutOptions): Promise<string> {
    // jsonb parameters go in as JSON text: pg would turn a JS array into a PostgreSQL array.
    const json = JSON.stringify(toJsonValue(value));
    const eTag = newETag();
    const { ifMatch, ifNoneMatch } = options ?? {};
    if (ifNoneMatch === '*' && ifMatch !== undefined)
      throw new ConflictError(`store: ${key} cannot both exist and not exist`);
    let written: number | null;
    if (ifNoneMatch === '*') {
      ({ rowCount: written } = await this.#query(SQL.create, [key, json, eTag]));
      if (written === 0) throw new ConflictError(`store: ${key} already exists`);
    } else if (ifMatch !== undefined) {
      const anyVersion = ifMatch === '*';
      ({ rowCount: written } = await this.#query(
        anyVersion ? SQL.updateIfExists : SQL.updateIfMatch,
        anyVersion ? [key, json, eTag] : [key, json, eTag, ifMatch],
      ));
      if (written === 0) throw new ConflictError(`store: ${key} was changed or does not exist`);
    } else {
      await this.#query(SQL.upsert, [key, json, eTag]);
    }
    return eTag;
  }

  async delete(key: string, options?: { ifMatch?: string }): Promise<boolean> {
    const ifMatch = options?.ifMatch;
    const specific = ifMatch !== undefined && ifMatch !== '*';
    const { rowCount } = await this.#query(
      specific ? SQL.deleteIfMatch : SQL.delete,
      specific ? [key, ifMatch] : [key],
    );
    if (ifMatch !== undefined && rowCount === 0)
      throw new ConflictError(`store: ${key} was changed or does not exist`);
    return (rowCount ?? 0) > 0;
  }

  async list<T>(prefix: string): Promise<StoredItem<T>[]> {
    const pattern = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const { rows } = await this.#query<Row>(SQL.list, [pattern]);
    return rows.map((row) => ({ key: row.key, value: row.value as T, eTag: row.etag }));
  }

  /** Reachable and not a read-only standby. */
  async healthy(): Promise<boolean> {
    try {
      const { rows } = await this.#query<{ writable: boolean }>(
        { text: 'SELECT NOT pg_is_in_recovery() AS writable' },
        [],
      );
      return rows[0]?.writable === true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.allSettled([...this.#inFlight]);
    await Promise.allSettled([...this.#locks].map((lock) => lock.release()));
    await this.pool.end();
  }

  /**
   * Leader election across instances: a session-level advisory lock on a dedicated connection,
   * held until release() — or until this process dies and PostgreSQL ends its session, so a
   * crashed leader never blocks the others. Returns undefined when another session holds it.
   */
  async tryAdvisoryLock(name: string): Promise<HeldLock | undefined> {
    this.#assertOpen();
    const lockName = advisoryLockName(this.schema, name);
    const client = await this.pool.connect();
    let locked = false;
    try {
      const { rows } = await client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked',
        [lockName],
      );
      locked = rows[0]?.locked === true;
    } finally {
      if (!locked) client.release();
    }
    if (!locked) return undefined;
    const onError = () =>
      this.logger.error({ lock: name }, 'store: connection holding an advisory lock failed');
    client.on('error', onError);
    let released = false;
    const lock: HeldLock = {
      release: async () => {
        if (released) return;
        released = true;
        this.#locks.delete(lock);
        client.off('error', onError);
        try {
          await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [lockName]);
          client.release();
        } catch (error) {
          client.release(error as Error); // discard the connection: its session (and lock) ends with it
        }
      },
    };
    this.#locks.add(lock);
    return lock;
  }

  async #query<R extends pg.QueryResultRow = pg.QueryResultRow>(
    statement: Statement,
    params: unknown[],
  ): Promise<pg.QueryResult<R>> {
    this.#assertOpen();
    const running = this.pool.query<R>({ ...statement, values: params });
    this.#inFlight.add(running);
    try {
      return await running;
    } finally {
      this.#inFlight.delete(running);
    }
  }

  #assertOpen(): void {
    if (this.#closed) throw new CodedError('internal', 'store: closed');
  }
}
