import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { describe, it } from 'vitest';

/**
 * The PostgreSQL URL for tests (`TEST_DATABASE_URL`, e.g. printed by scripts/ci-postgres.sh).
 * Unset locally → PostgreSQL tests are skipped with a visible reason; unset with CI=true → the
 * test files fail, because CI must exercise the real database.
 */
export const testDatabaseUrl = process.env.TEST_DATABASE_URL || undefined;
export const postgresRequired = process.env.CI === 'true';
export const postgresSkipReason =
  'PostgreSQL tests skipped: TEST_DATABASE_URL is not set (run scripts/ci-postgres.sh and export the URL it prints)';

/** A throwaway schema name, so test files and runs never see each other's rows. */
export function testSchema(): string {
  return `test_${randomUUID().replaceAll('-', '')}`;
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

/** Registers PostgreSQL tests: run with a URL, fail in CI without one, else skip saying why. */
export function describePostgres(name: string, body: (url: string) => void): void {
  const url = testDatabaseUrl;
  if (url) {
    describe(name, () => body(url));
  } else if (postgresRequired) {
    describe(name, () => {
      it('has a database in CI', () => {
        throw new Error(
          'CI=true but TEST_DATABASE_URL is not set: PostgreSQL tests must not be skipped in CI',
        );
      });
    });
  } else {
    console.warn(`${name}: ${postgresSkipReason}`);
    describe.skip(`${name}: ${postgresSkipReason}`, () => {
      it('needs TEST_DATABASE_URL', () => undefined);
    });
  }
}
