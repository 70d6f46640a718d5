import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCaptureServer, type CaptureServer } from '../../helpers/capture-server.js';
import { UNDER_10_CRIME } from '../../helpers/referral-plans.js';
import { startServer, type TestServer } from '../../helpers/start-server.js';
import { conversation } from './activities.js';
import { cardProblems, ofType } from './card-checks.js';
import { answer, execute, hasText, readStep, say, type Json, type TeamsUser } from './checklist-driver.js';

/**
 * A run survives a restart: started on one server process, the server stopped, a new one started
 * on the same DATA_DIR; "my checklists" lists it and resuming carries on at the same step, on to
 * the summary.
 */
let cap: CaptureServer;
let dataDir: string;
const servers: TestServer[] = [];

beforeAll(async () => {
  cap = await startCaptureServer();
  dataDir = await mkdtemp(join(tmpdir(), 'sg-restart-'));
});
afterAll(async () => {
  for (const s of servers) await s.stop().catch(() => undefined);
  await cap?.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function boot(): Promise<TestServer> {
  const s = await startServer({ DATA_DIR: dataDir });
  servers.push(s);
  return s;
}

describe('Teams: resume a checklist after a restart', () => {
  it('"my checklists" on a new server lists the run and Resume continues at the same step', async () => {
    const id = randomUUID();
    const user = (url: string): TeamsUser => ({
      url,
      cap,
      // Another device: a different conversation, the same person.
      conv: conversation('personal'),
      from: { id: `29:${id}`, name: 'A Practitioner', aadObjectId: id },
    });

    const first = await boot();
    const before = user(first.url);
    let card = await say(before, 'checklist referral');
    for (const stepId of UNDER_10_CRIME.path.slice(0, 4)) {
      const step = readStep(card);
      expect(step?.stepId).toBe(stepId);
      card = await answer(before, step as NonNullable<typeof step>, UNDER_10_CRIME.answers[stepId] as string);
    }
    const where = readStep(card);
    expect(where?.stepId).toBe(UNDER_10_CRIME.path[4]);
    await first.stop();

    const second = await boot();
    const after = user(second.url);
    const mine = await say(after, 'my checklists');
    expect(hasText(mine, 'In progress')).toBe(true);
    expect(hasText(mine, 'Making a referral about harmful sexual behaviour: step 5')).toBe(true);
    const resume = ofType(mine, 'Action.Execute').find((a) =>
      String(a.title).startsWith('Resume: Making a referral'),
    );
    expect(resume).toBeDefined();
    const resumed = await execute(after, resume?.data as Json);
    expect(cardProblems(resumed.card)).toEqual([]);
    const step = readStep(resumed.card);
    expect(step?.stepId).toBe(UNDER_10_CRIME.path[4]);
    expect(step?.state.revision).toBe(where?.state.revision);

    // And on to the end on the new server, with the answers from before the restart kept.
    card = resumed.card as Json;
    for (const stepId of UNDER_10_CRIME.path.slice(4)) {
      const s = readStep(card);
      expect(s?.stepId).toBe(stepId);
      card = await answer(
        after,
        s as NonNullable<typeof s>,
        UNDER_10_CRIME.answers[stepId] as string | string[],
      );
    }
    expect(hasText(card, 'For your case record (copy this)')).toBe(true);
    expect(hasText(card, 'How old is the child whose behaviour caused the concern? Under 10')).toBe(true);
  });
});
