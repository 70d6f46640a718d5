import { MemoryStore } from '../../../src/core/store/memory-store.js';
import { storeContract } from './contract.js';

storeContract('memory', async () => ({ store: new MemoryStore() }));
