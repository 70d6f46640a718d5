import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlackApi } from '../../helpers/fake-slack-api.js';
import {
  TEEN_COERCION,
  UNDER_10_EXPECTED,
  expectedAnswerLines,
  expectedStoredAnswers,
  questionsOffPath,
  type RecognitionPlan,
} from '../../helpers/recognition-plans.js';
import type { TestServer } from '../../helpers/start-server.js';
import { SECRET, startSlackWorld, stopSlackWorld } from './slack-world.js';
import { modalClient, stepOf, viewText, type Json, type ShownView } from './modal-driver.js';

/**
 * The recognition checklist in a Slack modal over real, signed HTTP with a fake Web API:
 * `/safeguarding checklist recognition` opens the modal, every step is a view_submission answered
 * with the next step, and the summary goes to the user's DM. Two branches: a young child whose
 * behaviour looks developmentally expected, and a teenager with coercion, secrecy and persistence
 * whose summary must lead on to the referral checklist.
 */

let fake: FakeSlackApi;
let server: TestServer;
let client: ReturnType<typeof modalClient>;
let userSeq = 0;

beforeAll(async () => {
  ({ fake, server } = await startSlackWorld());
  client = modalClient({ url: `${server.url}/slack/events`, secret: SECRET, fake });
});
afterAll(() => stopSlackWorld({ fake, server }));
beforeEach(() => fake.reset());

const newUser = () => `U${700 + (userSeq += 1)}`;

/** Walks `plan` through the modal; returns the last view and the one that showed the continuum step. */
async function runPlan(user: string, plan: RecognitionPlan): Promise<{ done: ShownView; continuum: Json }> {
  await client.slash(user, 'checklist recognition');
  let shown = await client.opened(`trig-${user}`);
  expect(viewText(shown.view)).toContain('it does not decide for you');
  const seen: string[] = [];
  let continuum: Json | undefined;
  for (let step = stepOf(shown.view); step; step = stepOf(shown.view)) {
    seen.push(step);
    if (step === 'continuum') continuum = shown.view;
    const answer = plan.answers[step];
    if (answer === undefined) throw new Error(`plan has no answer for ${step}`);
    const next = await client.submitView(user, shown, answer);
    expect(next.errors).toBeUndefined();
    shown = next.view as ShownView;
    expect(viewText(shown.view)).not.toContain('out of date');
    if (shown.view.callback_id !== 'sg_form' || seen.length > 20) break;
  }
  expect(seen).toEqual(plan.path);
  if (!continuum) throw new Error('the continuum step was never shown');
  return { done: shown, continuum };
}

const buttonsIn = (blocks: Json[]): Json[] =>
  blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements as Json[]);

describe('Slack: recognition checklist in a modal', () => {
  for (const plan of [UNDER_10_EXPECTED, TEEN_COERCION]) {
    it(`${plan.name}: every step in the modal, then a summary in the DM that fits the branch`, async () => {
      const user = newUser();
      const { done, continuum } = await runPlan(user, plan);

      // The Hackett step: a prompt for judgement, not a verdict; Brook's tool named; the branch's note.
      const step = viewText(continuum);
      expect(step).toContain("Where would you place the behaviour on Hackett's continuum?");
      expect(step).toContain('is a prompt for your judgement');
      expect(step).toContain('not a verdict');
      expect(step).toContain("Brook's Sexual Behaviours Traffic Light Tool");
      expect(step).toContain(plan.continuumNote);

      expect(viewText(done.view)).toContain('Done — summary sent to your DMs');
      expect(done.view.submit).toBeUndefined();

      const message = await client.dm(user);
      const blocks = message.blocks as Json[];
      const summary = JSON.stringify(blocks);
      expect(summary).toContain('Recognising harmful sexual behaviour: summary');
      for (const heading of [
        'Your answers',
        'Recommended actions',
        'Timestamps',
        'For your case record (copy this)',
      ])
        expect(summary).toContain(heading);
      expect(summary).toContain('These are prompts for your professional judgement, not decisions.');
      expect(summary).not.toMatch(
        /\b(behaviour|child) (is|was) (normal|inappropriate|problematic|abusive|violent)\b/i,
      );

      // The copyable record holds every answer given (question + chosen label, from the YAML),
      // nothing from steps never reached, the actions and contacts for this branch, and its sources.
      const at = summary.indexOf('Recognising harmful sexual behaviour: summary (Safeguarding Guide)');
      expect(at).toBeGreaterThan(0);
      const record = summary.slice(at);
      for (const part of ['Answers:', 'Recommended actions:', 'Who to contact:', 'Based on:', 'Started '])
        expect(record).toContain(part);
      for (const line of expectedAnswerLines(plan)) expect(record).toContain(`- ${line}`);
      for (const question of questionsOffPath(plan)) expect(summary).not.toContain(question);
      for (const action of plan.actions) expect(summary).toContain(action);
      for (const action of plan.notActions) expect(summary).not.toContain(action);
      for (const contact of plan.contacts) expect(record).toContain(`- ${contact}`);
      expect(record).toContain("Continuum of children and young people's sexual behaviours (Hackett, 2010)");
      expect(record).toContain('Sexual Behaviours Traffic Light Tool');

      // Stored: one completed run with exactly the answers given.
      const runs = await server.store.list<Json>(`checklist/${encodeURIComponent(`slack:${user}`)}/`);
      expect(runs).toHaveLength(1);
      expect(runs[0]?.value).toMatchObject({
        status: 'completed',
        checklistId: 'recognition',
        path: plan.path,
      });
      expect(runs[0]?.value.answers).toEqual(expectedStoredAnswers(plan));

      // Only the worrying branch offers the referral checklist; its button in the DM opens it.
      const start = buttonsIn(blocks).find((e) =>
        String((e.text as Json).text).startsWith('Start: Making a referral about harmful sexual behaviour'),
      );
      expect(start !== undefined).toBe(plan.offersReferral);
      if (start) {
        const res = await client.sendPayload({
          type: 'block_actions',
          team: { id: 'T0001' },
          user: { id: user, team_id: 'T0001' },
          api_app_id: 'A0001',
          token: 'x',
          trigger_id: `trig-${user}-referral`,
          container: { type: 'message', channel_id: `D${user}`, message_ts: String(message.ts ?? '1.2') },
          channel: { id: `D${user}`, name: 'directmessage' },
          message: { ts: String(message.ts ?? '1.2'), type: 'message' },
          response_url: fake.responseUrl(`referral-${user}`),
          actions: [
            { type: 'button', block_id: 'b', action_ts: '1', action_id: start.action_id, value: start.value },
          ],
        });
        expect(res.status).toBe(200);
        const referral = await client.opened(`trig-${user}-referral`);
        expect(stepOf(referral.view)).toBe('immediate-danger');
      }
    }, 20_000);
  }
});
