/**
 * `npm start`: the build's freshness check (scripts/build.mjs), then the built server, in one node
 * process. As two commands (`node scripts/build.mjs && node build/server.js`) every start paid for a
 * second node process just to find build/ up to date.
 */
import { ensureBuilt } from './build.mjs';

await ensureBuilt();
await import('../build/server.js');
