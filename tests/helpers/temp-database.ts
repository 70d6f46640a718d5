import { randomUUID } from 'node:crypto';
import pg from 'pg';

export interface TempDatabase {
  /** A URL to the new, empty database (same server and credentials). */
  url: string;
  name: string;
  drop(): Promise<void>;
}

/**
 * Creates a throwaway database next to the one in `baseUrl`. Servers started with DATABASE_URL use
 * the `public` schema, so a database of their own is how each run gets a clean, isolated store.
 */
export async function createTempDatabase(baseUrl: string, prefix = 'sg_tmp'): Promise<TempDatabase> {
  const name = `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  await admin(baseUrl, `CREATE DATABASE ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => admin(baseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function admin(baseUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
