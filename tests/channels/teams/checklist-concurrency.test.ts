import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLowdbStore, STORE_FILE } from '../../../src/core/store/lowdb-store.js';
import { UNDER_10_CRIME } from '../../helpers/referral-plans.js';
import { serverWithConnector } from '../../helpers/server-with-connector.js';
import { answer, hasText, newPractitioner, readStep, say, type TeamsUser } from './checklist-driver.js';

/**
 * 200 practitioners each start a referral checklist and answer its first three steps over HTTP,
 * 25 at a time (the machine has two cores). Afterwards the store, read back from disk by a fresh
 * store instance, holds every run with every answer: none lost to a concurrent write.
 */
const USERS = 200;
const IN_FLIGHT = 25;
const STEPS = UNDER_10_CRIME.path.slice(0, 3);

const world = serverWithConnector();

/** Runs `task` for each item with at most `limit` running at once. */
async function pool<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

async function practitioner(): Promise<{ user: string; runId: string }> {
  const u: TeamsUser = newPractitioner(world);
  const id = String(u.from.aadObjectId);
  let card = await say(u, 'checklist referral');
  const runId = String(readStep(card)?.state.runId);
  for (const stepId of STEPS) {
    const step = readStep(card);
    expect(step?.stepId).toBe(stepId);
    card = await answer(u, step as NonNullable<typeof step>, UNDER_10_CRIME.answers[stepId] as string);
    expect(hasText(card, 'out of date')).toBe(false);
  }
  expect(readStep(card)?.stepId).toBe(UNDER_10_CRIME.path[3]);
  return { user: `teams:${id}`, runId };
}

describe('Teams: 200 concurrent checklist runs', () => {
  it('lose no answer', { timeout: 120_000 }, async () => {
    const runs = await pool(Array.from({ length: USERS }), IN_FLIGHT, practitioner);
    expect(new Set(runs.map((r) => r.runId)).size).toBe(USERS);
    await world.s.close(); // flushes and closes the server's store (the helper's afterAll then cleans up)

    const expected = Object.fromEntries(STEPS.map((id) => [id, UNDER_10_CRIME.answers[id]]));
    const store = await openLowdbStore(world.s.dataDir);
    try {
      const stored = await store.list<{ runId: string; answers: unknown; revision: number; path: string[] }>(
        'checklist/',
      );
      expect(stored).toHaveLength(USERS);
      for (const { user, runId } of runs) {
        const item = stored.find((i) => i.key === `checklist/${encodeURIComponent(user)}/${runId}`);
        expect(item?.value.answers).toEqual(expected);
        expect(item?.value.revision).toBe(STEPS.length);
        expect(item?.value.path).toEqual(UNDER_10_CRIME.path.slice(0, STEPS.length + 1));
      }
    } finally {
      await store.close();
    }
    // The file itself is well-formed JSON with all of them.
    const file = JSON.parse(await readFile(join(world.s.dataDir, STORE_FILE), 'utf8')) as unknown;
    expect(JSON.stringify(file).match(/"runId"/g)?.length).toBeGreaterThanOrEqual(USERS);
  });
});
