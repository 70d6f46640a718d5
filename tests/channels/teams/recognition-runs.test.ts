import { describe, expect, it } from 'vitest';
import {
  TEEN_COERCION,
  UNDER_10_EXPECTED,
  expectedAnswerLines,
  expectedStoredAnswers,
  questionsOffPath,
  type RecognitionPlan,
} from '../../helpers/recognition-plans.js';
import { serverWithConnector } from '../../helpers/server-with-connector.js';
import { cardOf, post, submit } from './activities.js';
import { cardProblems, ofType, texts } from './card-checks.js';
import {
  answer,
  hasText,
  readStep,
  say,
  newPractitioner,
  storedRun as storedRunIn,
  type Json,
  type TeamsUser,
} from './checklist-driver.js';

/**
 * The recognition checklist in Teams over real HTTP, from `checklist recognition` to the summary
 * card, every step answered through Action.Execute, along two branches: a young child whose
 * behaviour looks developmentally expected, and a teenager with coercion, secrecy and persistence
 * whose summary must lead on to the referral checklist.
 */
const world = serverWithConnector();

const newUser = (): TeamsUser => newPractitioner(world);
const storedRun = (runId: unknown) => storedRunIn(world.s.store, runId);

interface Walked {
  u: TeamsUser;
  summary: Json;
  runId: unknown;
  continuumCard: Json;
}

async function walk(plan: RecognitionPlan): Promise<Walked> {
  const u = newUser();
  let card = await say(u, 'checklist recognition');
  // The opening card says what the checklist is for: judgement, not a decision.
  expect(hasText(card, 'it does not decide for you')).toBe(true);
  const runId = readStep(card)?.state.runId;
  const seen: string[] = [];
  let continuumCard: Json | undefined;
  for (let guard = 0; guard < 20; guard++) {
    const step = readStep(card);
    if (!step) break;
    seen.push(step.stepId);
    if (step.stepId === 'continuum') continuumCard = card;
    const value = plan.answers[step.stepId];
    if (value === undefined) throw new Error(`plan has no answer for step ${step.stepId}`);
    card = await answer(u, step, value);
    expect(hasText(card, 'out of date')).toBe(false);
    expect(hasText(card, 'Please check your answer')).toBe(false);
  }
  expect(seen).toEqual(plan.path);
  if (!continuumCard) throw new Error('the continuum step was never shown');
  return { u, summary: card, runId, continuumCard };
}

describe('Teams: recognition checklist from start to summary', () => {
  for (const plan of [UNDER_10_EXPECTED, TEEN_COERCION]) {
    it(`${plan.name}: every step answered, then a summary that fits the branch`, async () => {
      const { u, summary, runId, continuumCard } = await walk(plan);

      // The Hackett step offers the continuum as a prompt, names the Brook tool, and adds the
      // branch's note to consider.
      const step = texts(continuumCard).join('\n');
      expect(step).toContain("Where would you place the behaviour on Hackett's continuum?");
      expect(step).toContain('is a prompt for your judgement');
      expect(step).toContain('not a verdict');
      expect(step).toContain("Brook's Sexual Behaviours Traffic Light Tool");
      expect(step).toContain('To consider');
      expect(step).toContain(plan.continuumNote);

      expect(readStep(summary)).toBeUndefined();
      const all = texts(summary).join('\n');
      expect(all).toContain('Recognising harmful sexual behaviour: summary');
      for (const heading of [
        'Your answers',
        'Recommended actions',
        'Timestamps',
        'For your case record (copy this)',
      ])
        expect(all).toContain(heading);

      // Every answer given, and only those, as question + chosen label (from the YAML itself).
      const lines = expectedAnswerLines(plan);
      for (const line of lines) expect(all).toContain(line);
      for (const question of questionsOffPath(plan)) expect(all).not.toContain(question);
      // Where the practitioner placed it is their answer, framed as judgement, never a verdict.
      expect(all).toContain('These are prompts for your professional judgement, not decisions.');
      expect(all).not.toMatch(
        /\b(behaviour|child) (is|was) (normal|inappropriate|problematic|abusive|violent)\b/i,
      );

      // The copyable record: answers, actions, contacts, timestamps, and what it is based on,
      // with Hackett's continuum and Brook's tool named among the sources.
      const at = all.indexOf('Recognising harmful sexual behaviour: summary (Safeguarding Guide)');
      expect(at).toBeGreaterThan(0);
      const record = all.slice(at);
      for (const part of ['Answers:', 'Recommended actions:', 'Who to contact:', 'Based on:'])
        expect(record).toContain(part);
      for (const line of lines) expect(record).toContain(`- ${line}`);
      expect(record).toMatch(
        /Started \d{1,2} \w{3} \d{4}, \d{2}:\d{2}; finished \d{1,2} \w{3} \d{4}, \d{2}:\d{2}\./,
      );
      expect(record).toContain("Continuum of children and young people's sexual behaviours (Hackett, 2010)");
      expect(record).toContain('Sexual Behaviours Traffic Light Tool');

      for (const action of plan.actions) expect(all).toContain(action);
      for (const action of plan.notActions) expect(all).not.toContain(action);
      for (const contact of plan.contacts) expect(record).toContain(`- ${contact}`);

      // Only the worrying branch offers the referral checklist; its button (Action.Submit) starts it.
      const start = ofType(summary, 'Action.Submit').find((a) =>
        String(a.title).startsWith('Start: Making a referral about harmful sexual behaviour'),
      );
      expect(start !== undefined).toBe(plan.offersReferral);
      if (start) {
        const before = world.cap.for(u.conv.id as string).length;
        const res = await post(
          world.s.url,
          submit({ serviceUrl: world.cap.url, conv: u.conv, from: u.from, value: start.data }),
        );
        expect(res.status).toBe(200);
        const next = cardOf(world.cap.for(u.conv.id as string)[before]?.activity ?? {});
        expect(cardProblems(next)).toEqual([]);
        expect(readStep(next)?.state.checklistId).toBe('referral');
        expect(readStep(next)?.stepId).toBe('immediate-danger');
      }

      // Stored: completed, on the path shown, with exactly the answers given.
      const run = await storedRun(runId);
      expect(run?.status).toBe('completed');
      expect(run?.checklistId).toBe('recognition');
      expect(run?.path).toEqual(plan.path);
      expect(run?.answers).toEqual(expectedStoredAnswers(plan));
    }, 20_000);
  }
});
