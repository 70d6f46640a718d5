/**
 * Child process for the lowdb crash test: writes checklist-like answers into the store in `argv[2]`
 * for ever, and after each acknowledged put prints "ack <key> <answerCount>" on stdout.
 * The test kills it with SIGKILL at random moments and checks every acknowledged write survived.
 */
import { openLowdbStore } from '../../src/core/store/lowdb-store.js';
import { updateWithRetry } from '../../src/core/store/update.js';

interface Run {
  answers: string[];
}

const dir = process.argv[2];
if (!dir) throw new Error('usage: store-crash-writer <dataDir>');
const store = await openLowdbStore(dir);
process.stdout.write('ready\n');

const runs = 8;
for (let i = 0; ; i++) {
  const key = `checklist/user-${i % 3}/run-${i % runs}`;
  // Several writers in flight at once, as under load, so group commits are crashed too.
  const writes = Array.from({ length: 1 + (i % 4) }, async (_, j) => {
    const written = await updateWithRetry<Run>(
      store,
      `${key}-${j}`,
      (run) => ({ answers: [...(run?.answers ?? []), `answer ${i}`] }),
      20,
    );
    process.stdout.write(`ack ${written.key} ${written.value.answers.length}\n`);
  });
  await Promise.all(writes);
}
