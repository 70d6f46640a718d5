import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UNDER_10_CRIME } from '../helpers/referral-plans.js';
import { serverWithConnector } from '../helpers/server-with-connector.js';
import { cardOf, conversation, message, post, USER } from '../channels/teams/activities.js';
import { texts } from '../channels/teams/card-checks.js';
import {
  answer,
  hasText,
  newPractitioner,
  readStep,
  storedRun,
  toLastStep,
} from '../channels/teams/checklist-driver.js';

/**
 * Names no list knows, typed in lower case, as the issue found them kept. What is stored from typed
 * text goes through the allow-list (everyday English and the guidance's own words) instead.
 */
const NAMES = ['jaxon', 'kowalczyk', 'zebulon', 'ferreira-okafor'];
const world = serverWithConnector({ ADMIN_USERS: USER.aadObjectId });

async function storeText(): Promise<string> {
  await world.s.guide.housekeeping(); // flushes the question log
  return readFile(join(world.s.dataDir, 'store.json'), 'utf8');
}

describe('the allow-list keeps lower-case names out of the store, the logs and the report', () => {
  it('a signposted question keeps its everyday words; the names become [word]', async () => {
    const conv = conversation('personal');
    const question = 'jaxon kowalczyk asked for a chocolate cake recipe for zebulon ferreira-okafor';
    expect(
      (await post(world.s.url, message({ serviceUrl: world.cap.url, conv, text: question }))).status,
    ).toBe(200);

    const report = await world.s.guide.report();
    const examples = report.questions.groups.map((g) => g.example);
    // ("jaxon" is a listed first name, so it is found as a name before the allow-list reads it.)
    expect(examples).toContain('[name] [word] asked for a chocolate cake recipe for [word]-[word]');

    const before = world.cap.for(conv.id as string).length;
    await post(world.s.url, message({ serviceUrl: world.cap.url, conv, text: 'report' }));
    const reply = world.cap.for(conv.id as string)[before]?.activity;
    const shown = texts(cardOf(reply ?? {})).join('\n');
    expect(shown).toContain('Partnership report');
    for (const name of NAMES) {
      expect(shown.toLowerCase()).not.toContain(name);
      expect(world.s.logText().toLowerCase()).not.toContain(name);
    }
    const stored = (await storeText()).toLowerCase();
    expect(stored).toContain('chocolate cake recipe');
    for (const name of NAMES) expect(stored).not.toContain(name);
  });

  it('a checklist note with a word outside the allow-list is refused with a clear message, and not stored', async () => {
    const u = newPractitioner(world);
    const notes = await toLastStep(u, UNDER_10_CRIME);
    expect(notes.stepId).toBe('notes');
    const refused = await answer(u, notes, 'spoke to jaxon kowalczyk about it');
    expect(hasText(refused, 'Not saved: this looks like identifying details')).toBe(true);
    expect(hasText(refused, "a word I don't store")).toBe(true);
    expect(readStep(refused)?.stepId).toBe('notes');
    const run = await storedRun(world.s.store, notes.state.runId);
    expect(JSON.stringify(run)).not.toContain('jaxon');

    // Everyday words and the guidance's terms are kept.
    const kept = await answer(u, notes, 'Spoke to the DSL; MASH referral planned for Monday');
    expect(hasText(kept, 'Not saved')).toBe(false);
    expect((await storedRun(world.s.store, notes.state.runId))?.answers).toMatchObject({
      notes: 'Spoke to the DSL; MASH referral planned for Monday',
    });
    expect((await storeText()).toLowerCase()).not.toContain('kowalczyk');
  });
});
