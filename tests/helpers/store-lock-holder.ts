/**
 * Child process for the store lock test: opens the embedded store in `argv[2]`, writes one item,
 * prints "ready", and holds the store until its stdin closes. If the open fails it prints the error
 * message on stderr and exits 3.
 */
import { openLowdbStore } from '../../src/core/store/lowdb-store.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: store-lock-holder <dataDir>');
try {
  const store = await openLowdbStore(dir);
  await store.put(`holder/${process.pid}`, { pid: process.pid });
  process.stdout.write('ready\n');
  process.stdin.resume();
  await new Promise((resolve) => process.stdin.once('end', resolve));
  await store.close();
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 3;
}
