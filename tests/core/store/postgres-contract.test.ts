import { afterAll } from 'vitest';
import { openPostgresStore } from '../../../src/core/store/postgres-store.js';
import { describePostgres, dropSchema, testSchema } from '../../helpers/postgres.js';
import { storeContract } from './contract.js';

describePostgres('PostgreSQL store contract', (url) => {
  const schema = testSchema();
  afterAll(() => dropSchema(url, schema));
  storeContract('postgres', async () => ({ store: await openPostgresStore(url, { schema }) }));
});
