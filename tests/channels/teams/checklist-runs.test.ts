import { describe, expect, it } from 'vitest';
import { OVER_10_YJS, UNDER_10_CRIME, type ReferralPlan } from '../../helpers/referral-plans.js';
import { serverWithConnector } from '../../helpers/server-with-connector.js';
import { cardOf, post, submit } from './activities.js';
import { cardProblems, ofType, texts, walk as nodesOf } from './card-checks.js';
import {
  answer,
  execute,
  hasText,
  readStep,
  say,
  newPractitioner,
  storedRun as storedRunIn,
  toLastStep,
  type Json,
  type TeamsUser,
} from './checklist-driver.js';

/**
 * Whole checklist runs in Teams over real HTTP: every step of the referral checklist answered
 * through Action.Execute until the summary card, along both age branches; stale and racing cards.
 */
const world = serverWithConnector();

const newUser = (): TeamsUser => newPractitioner(world);
const storedRun = (runId: unknown) => storedRunIn(world.s.store, runId);

async function walk(plan: ReferralPlan): Promise<{ summary: Json; runId: unknown }> {
  const u = newUser();
  let card = await say(u, 'checklist referral');
  const runId = readStep(card)?.state.runId;
  const seen: string[] = [];
  for (let guard = 0; guard < 40; guard++) {
    const step = readStep(card);
    if (!step) break;
    seen.push(step.stepId);
    const value = plan.answers[step.stepId];
    if (value === undefined) throw new Error(`plan has no answer for step ${step.stepId}`);
    card = await answer(u, step, value);
    expect(hasText(card, 'out of date')).toBe(false);
    expect(hasText(card, 'Please check your answer')).toBe(false);
  }
  expect(seen).toEqual(plan.path);
  return { summary: card, runId };
}

describe('Teams: referral checklist from start to summary', () => {
  it('a yes/no step is a Yes / No radio choice, and "No" is accepted', async () => {
    const u = newUser();
    const first = readStep(await say(u, 'checklist referral'));
    expect(first?.stepId).toBe('immediate-danger');
    const choice = ofType(first?.card, 'Input.ChoiceSet').find((c) => c.id === 'answer');
    expect(choice).toMatchObject({ style: 'expanded', isRequired: true });
    expect(choice?.isMultiSelect).not.toBe(true);
    expect((choice?.choices as Json[]).map((c) => c.value)).toEqual(['yes', 'no']);
    expect(ofType(first?.card, 'Input.Toggle')).toEqual([]);
    const next = readStep(await answer(u, first as NonNullable<typeof first>, 'no'));
    expect(next?.stepId).toBe('dsl');
    expect((await storedRun(first?.state.runId))?.answers).toEqual({ 'immediate-danger': 'no' });
  });

  for (const plan of [UNDER_10_CRIME, OVER_10_YJS]) {
    it(`${plan.name}: every step answered, then a summary to copy`, async () => {
      const { summary, runId } = await walk(plan);
      expect(readStep(summary)).toBeUndefined();
      const all = texts(summary).join('\n');
      expect(all).toContain('Making a referral about harmful sexual behaviour: summary');
      for (const heading of [
        'Your answers',
        'Recommended actions',
        'Timestamps',
        'For your case record (copy this)',
      ])
        expect(all).toContain(heading);
      // The copyable record: answers, actions, when it started and finished, what it is based on.
      for (const line of ['Answers:', 'Recommended actions:', 'Based on:']) expect(all).toContain(line);
      expect(all).toMatch(
        /Started \d{1,2} \w{3} \d{4}, \d{2}:\d{2}; finished \d{1,2} \w{3} \d{4}, \d{2}:\d{2}\./,
      );
      expect(all).toMatch(/Started: \d{1,2} \w{3} \d{4}/);
      expect(all).toMatch(/Finished: \d{1,2} \w{3} \d{4}/);
      for (const action of plan.actions) expect(all).toContain(action);
      // Stored: completed, with exactly the answers given (a blank optional step is null).
      const run = await storedRun(runId);
      expect(run?.status).toBe('completed');
      expect(run?.path).toEqual(plan.path);
      const expected = Object.fromEntries(
        plan.path.map((id) => [id, plan.answers[id] === '' ? null : plan.answers[id]]),
      );
      expect(run?.answers).toEqual(expected);
    });
  }

  it('an identifying name in the notes is refused, not stored, and the step is shown again', async () => {
    const u = newUser();
    const notes = await toLastStep(u, UNDER_10_CRIME);
    expect(notes.stepId).toBe('notes');
    const refused = await answer(u, notes, 'Spoke to Jessica Smith about it');
    expect(hasText(refused, 'Not saved: this looks like identifying details')).toBe(true);
    // On the field: in the form, just after the input, and not repeated as a warning above.
    const form = nodesOf(nodesOf(refused).find((n) => n.id === 'form'));
    const input = form.findIndex((n) => n.id === 'answer');
    const error = form.findIndex((n) => n.id === 'field-error');
    expect(input).toBeGreaterThan(-1);
    expect(error).toBeGreaterThan(input);
    expect(texts(form[error]).join(' ')).toMatch(/^Not saved: this looks like identifying details\./);
    expect(ofType(refused, 'Container').filter((c) => c.style === 'warning')).toEqual([]);
    expect(readStep(refused)?.stepId).toBe('notes');
    const run = await storedRun(notes.state.runId);
    expect(run?.status).toBe('active');
    expect(JSON.stringify(run)).not.toContain('Jessica');
  });
});

describe('Teams: stale and racing cards', () => {
  it('a click on an old step gets "out of date" and the current step; nothing changes', async () => {
    const u = newUser();
    const first = readStep(await say(u, 'checklist referral'));
    if (!first) throw new Error('no first step');
    const second = readStep(await answer(u, first, 'no'));
    expect(second?.stepId).toBe('dsl');

    // Action.Execute on the old card: the reply replaces it with the current step and says why.
    const stale = await execute(u, { ...first.executeData, answer: 'yes' });
    expect(stale.status).toBe(200);
    expect(cardProblems(stale.card)).toEqual([]);
    expect(hasText(stale.card, 'This card is out of date')).toBe(true);
    expect(readStep(stale.card)?.stepId).toBe('dsl');

    // The Action.Submit fallback from the old card: a new card, same message.
    const before = world.cap.for(u.conv.id as string).length;
    const fallback = ofType(first.card, 'Action.Execute').find((a) => a.associatedInputs === 'auto')
      ?.fallback as Json;
    await post(
      world.s.url,
      submit({
        serviceUrl: world.cap.url,
        conv: u.conv,
        from: u.from,
        value: { ...(fallback.data as Json), answer: 'yes' },
      }),
    );
    const posted = cardOf(world.cap.for(u.conv.id as string)[before]?.activity ?? {});
    expect(cardProblems(posted)).toEqual([]);
    expect(hasText(posted, 'This card is out of date')).toBe(true);
    expect(readStep(posted)?.stepId).toBe('dsl');

    // "Back" on a card that is no longer current changes nothing either.
    const back = await execute(u, { ...(second?.buttons.Back as Json) });
    expect(readStep(back.card)?.stepId).toBe('immediate-danger');
    const staleBack = await execute(u, { ...(second?.buttons.Back as Json) });
    expect(hasText(staleBack.card, 'This card is out of date')).toBe(true);
    expect(readStep(staleBack.card)?.stepId).toBe('immediate-danger');

    const run = await storedRun(first.state.runId);
    expect(run).toMatchObject({ status: 'active', revision: 2, path: ['immediate-danger'], answers: {} });
  });

  it('two racing clicks on the same step: one answer is kept, the other sees "out of date"', async () => {
    const u = newUser();
    const first = readStep(await say(u, 'checklist referral'));
    if (!first) throw new Error('no first step');
    const dsl = readStep(await answer(u, first, 'no'));
    if (!dsl) throw new Error('no second step');
    const [a, b] = await Promise.all([
      execute(u, { ...dsl.executeData, answer: 'yes' }),
      execute(u, { ...dsl.executeData, answer: 'not-yet' }),
    ]);
    for (const r of [a, b]) {
      expect(r.status).toBe(200);
      expect(cardProblems(r.card)).toEqual([]);
      expect(readStep(r.card)?.stepId).toBe('recorded');
    }
    expect([a, b].filter((r) => hasText(r.card, 'This card is out of date'))).toHaveLength(1);
    const run = await storedRun(first.state.runId);
    expect(run?.revision).toBe(2);
    expect(run?.path).toEqual(['immediate-danger', 'dsl', 'recorded']);
    const kept = (run?.answers as Json).dsl;
    expect(['yes', 'not-yet']).toContain(kept);
    // The card that was not out of date is the one whose answer was kept.
    const winner = hasText(a.card, 'out of date') ? 'not-yet' : 'yes';
    expect(kept).toBe(winner);
  });
});
