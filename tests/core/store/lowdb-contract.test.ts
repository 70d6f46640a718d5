import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLowdbStore } from '../../../src/core/store/lowdb-store.js';
import { storeContract } from './contract.js';

storeContract('lowdb', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'store-contract-'));
  return { store: await openLowdbStore(dir), cleanup: () => rm(dir, { recursive: true, force: true }) };
});
