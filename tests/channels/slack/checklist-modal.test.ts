import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlackApi, type RecordedCall } from '../../helpers/fake-slack-api.js';
import { OVER_10_YJS, UNDER_10_CRIME, type ReferralPlan } from '../../helpers/referral-plans.js';
import { postSigned } from '../../helpers/slack-signing.js';
import type { TestServer } from '../../helpers/start-server.js';
import { SECRET, startSlackWorld, stopSlackWorld } from './slack-world.js';
import { citations } from '../../../src/core/replies/first-screen.js';
import { escapeText } from '../../../src/channels/slack/escape.js';
import {
  modalClient,
  stepOf,
  viewButton,
  viewSubmission,
  viewText,
  type Json,
  type ShownView,
} from './modal-driver.js';

/**
 * A checklist run in a Slack modal over real, signed HTTP with a fake Web API: the slash command
 * opens the modal (views.open with the command's trigger_id), each view_submission is answered
 * with the next step (`response_action: 'update'`), buttons in the modal update it (views.update),
 * and the summary goes to the user's DM while the modal says so.
 */

let fake: FakeSlackApi;
let server: TestServer;
let url: string;
let userSeq = 0;

beforeAll(async () => {
  ({ fake, server, url } = await startSlackWorld());
  client = modalClient({ url, secret: SECRET, fake });
});
afterAll(() => stopSlackWorld({ fake, server }));
beforeEach(() => fake.reset());

const newUser = () => `U${900 + (userSeq += 1)}`;

let client: ReturnType<typeof modalClient>;
const sendPayload = (payload: Json) => client.sendPayload(payload);
const slash = (user: string, text: string, responseId?: string) => client.slash(user, text, responseId);
const opened = (trigger: string) => client.opened(trigger);
const submitView = (user: string, shown: ShownView, answer: string | string[]) =>
  client.submitView(user, shown, answer);

let hashSeq = 0;

/** Clicks a button in the modal; returns the view the app's views.update put in its place. */
async function click(user: string, shown: ShownView, label: string): Promise<ShownView> {
  const before = fake.callsTo('views.update').length;
  const res = await sendPayload(viewButton(user, shown, label));
  expect(res.status).toBe(200);
  const call = (await fake.waitFor('views.update', before + 1))[before] as RecordedCall;
  expect(call.args.view_id).toBe(shown.id);
  expect(call.args.hash).toBe(shown.hash);
  return { id: shown.id, hash: `h${(hashSeq += 1)}`, view: call.args.view as Json };
}

async function summaryIn(user: string): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const call = fake.callsTo('chat.postMessage').find((c) => c.args.channel === user);
    if (call) return JSON.stringify(call.args.blocks);
    if (Date.now() > deadline) throw new Error(`no summary posted to ${user}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function runPlan(user: string, plan: ReferralPlan, stopBefore?: string): Promise<ShownView> {
  await slash(user, 'checklist referral');
  let shown = await opened(`trig-${user}`);
  const seen: string[] = [];
  for (let step = stepOf(shown.view); step && step !== stopBefore; step = stepOf(shown.view)) {
    seen.push(step);
    const answer = plan.answers[step];
    if (answer === undefined) throw new Error(`plan has no answer for ${step}`);
    const next = await submitView(user, shown, answer);
    expect(next.errors).toBeUndefined();
    shown = next.view as ShownView;
    expect(viewText(shown.view)).not.toContain('out of date');
    if (shown.view.callback_id !== 'sg_form') break;
  }
  expect(seen).toEqual(stopBefore ? plan.path.slice(0, plan.path.indexOf(stopBefore)) : plan.path);
  return shown;
}

describe('Slack: checklist in a modal', () => {
  it('the slash command opens the first step as a modal with Yes / No, Pause and Cancel', async () => {
    const user = newUser();
    await slash(user, 'checklist referral');
    const shown = await opened(`trig-${user}`);
    expect(shown.view).toMatchObject({ type: 'modal', callback_id: 'sg_form', submit: { text: 'Next' } });
    expect(stepOf(shown.view)).toBe('immediate-danger');
    const input = (shown.view.blocks as Json[]).find((b) => b.type === 'input') as Json;
    expect(input.element).toMatchObject({
      type: 'radio_buttons',
      options: [{ value: 'yes' }, { value: 'no' }],
    });
    expect(viewText(shown.view)).toContain('Is any child in immediate danger right now?');
    const buttons = (shown.view.blocks as Json[])
      .filter((b) => b.type === 'actions')
      .flatMap((b) => (b.elements as Json[]).map((e) => (e.text as Json).text));
    expect(buttons).toEqual(['Pause', 'Cancel']);
    expect((shown.view.blocks as Json[]).length).toBeLessThanOrEqual(100);
    expect(fake.callsTo('response_url')).toEqual([]);
  });

  for (const plan of [UNDER_10_CRIME, OVER_10_YJS]) {
    it(`${plan.name}: every step in the modal, then the summary in the user's DM`, async () => {
      const user = newUser();
      const done = await runPlan(user, plan);
      expect(viewText(done.view)).toContain('Done — summary sent to your DMs');
      expect(done.view.submit).toBeUndefined();
      const summary = await summaryIn(user);
      for (const text of [
        'For your case record (copy this)',
        'Recommended actions:',
        'Timestamps',
        'Started:',
        'Sources:', // a summary is not folded: the whole record, every source, in the DM
      ])
        expect(summary).toContain(text);
      for (const action of plan.actions) expect(summary).toContain(action);
      const runs = await server.store.list<Json>(`checklist/${encodeURIComponent(`slack:${user}`)}/`);
      expect(runs).toHaveLength(1);
      expect(runs[0]?.value).toMatchObject({ status: 'completed', path: plan.path });
      // Every source of the summary is listed, each document and section once: the 12-17 route cites
      // 14 sources (12 distinct), past the 10 context elements that used to cut the list.
      const stored = await server.guide.checklists.current(`slack:${user}`, String(runs[0]?.value.runId));
      const cited = citations(stored.sources);
      expect(cited.length).toBeGreaterThan(0);
      for (const c of cited) expect(summary).toContain(escapeText(c.text));
    });
  }

  it('my checklists with four open runs: a choice of run and of what to do resumes the chosen one', async () => {
    const user = newUser();
    const runIds: string[] = [];
    for (let i = 0; i < 4; i++) {
      await slash(user, 'checklist referral', `start-${i}`);
      const shown = await client.opened(`trig-${user}`);
      runIds.push(String(JSON.parse(String(shown.view.private_metadata)).state.runId));
      fake.reset();
    }
    await slash(user, 'my checklists');
    const mine = await opened(`trig-${user}`);
    const inputs = (mine.view.blocks as Json[]).filter((b) => b.type === 'input');
    expect(inputs.map((b) => b.block_id)).toEqual(['f:runId', 'f:op']);
    const offered = ((inputs[0]?.element as Json).options as Json[]).map((o) => o.value);
    expect([...offered].sort()).toEqual([...runIds].sort());
    const radio = (value: string) => ({
      v: { type: 'radio_buttons', selected_option: { text: { type: 'plain_text', text: value }, value } },
    });
    const res = await sendPayload(
      viewSubmission(user, mine, { 'f:runId': radio(runIds[0] as string), 'f:op': radio('resume') }),
    );
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text) as { response_action: string; view: Json };
    expect(body.response_action).toBe('update');
    expect(JSON.parse(String(body.view.private_metadata)).state.runId).toBe(runIds[0]);
    expect(stepOf(body.view)).toBe('immediate-danger');
  });

  it('an identifying name is refused on the field itself and nothing is stored', async () => {
    const user = newUser();
    const notes = await runPlan(user, UNDER_10_CRIME, 'notes');
    expect(stepOf(notes.view)).toBe('notes');
    const refused = await submitView(user, notes, 'Spoke to Jessica Smith about it');
    expect(Object.keys(refused.errors ?? {})).toEqual(['f:answer']);
    expect(refused.errors?.['f:answer']).toContain('Not saved: this looks like identifying details');
    const [run] = await server.store.list<Json>(`checklist/${encodeURIComponent(`slack:${user}`)}/`);
    expect(JSON.stringify(run?.value)).not.toContain('Jessica');
    const done = await submitView(user, notes, 'Agreed next steps');
    expect(viewText(done.view?.view ?? {})).toContain('Done — summary sent to your DMs');
  });

  it('Back, Pause, Resume and Cancel are buttons in the modal that update it in place', async () => {
    const user = newUser();
    await slash(user, 'checklist referral');
    const first = await opened(`trig-${user}`);
    const second = (await submitView(user, first, 'no')).view as ShownView;
    expect(stepOf(second.view)).toBe('dsl');

    const back = await click(user, second, 'Back');
    expect(stepOf(back.view)).toBe('immediate-danger');
    const paused = await click(user, back, 'Pause');
    expect(viewText(paused.view)).toContain('Checklist paused');
    expect(paused.view.submit).toBeUndefined();
    const resumed = await click(user, paused, 'Resume');
    expect(stepOf(resumed.view)).toBe('immediate-danger');
    const cancelled = await click(user, resumed, 'Cancel');
    expect(viewText(cancelled.view)).toContain('Checklist cancelled');
    expect(await server.store.list(`checklist/${encodeURIComponent(`slack:${user}`)}/`)).toEqual([]);
  });

  it('submitting an old modal shows "out of date" and the current step; nothing changes', async () => {
    const user = newUser();
    await slash(user, 'checklist referral');
    const first = await opened(`trig-${user}`);
    const second = (await submitView(user, first, 'no')).view as ShownView;
    const stale = (await submitView(user, first, 'yes')).view as ShownView;
    expect(viewText(stale.view)).toContain('This card is out of date');
    expect(stepOf(stale.view)).toBe(stepOf(second.view));
    const [run] = await server.store.list<Json>(`checklist/${encodeURIComponent(`slack:${user}`)}/`);
    expect(run?.value).toMatchObject({ revision: 1, answers: { 'immediate-danger': 'no' } });
  });

  it('two racing submits of one modal: one answer is kept, the other sees "out of date"', async () => {
    const user = newUser();
    await slash(user, 'checklist referral');
    const first = await opened(`trig-${user}`);
    const [a, b] = await Promise.all([submitView(user, first, 'no'), submitView(user, first, 'yes')]);
    const views = [a.view?.view ?? {}, b.view?.view ?? {}];
    expect(views.filter((v) => viewText(v).includes('This card is out of date'))).toHaveLength(1);
    const [run] = await server.store.list<Json>(`checklist/${encodeURIComponent(`slack:${user}`)}/`);
    expect(run?.value.revision).toBe(1);
    const kept = (run?.value.answers as Json)['immediate-danger'];
    expect(kept).toBe(viewText(views[0] as Json).includes('out of date') ? 'yes' : 'no');
    // Both modals now show the step that follows the kept answer.
    for (const v of views) expect(stepOf(v)).toBe(kept === 'yes' ? 'emergency-call' : 'dsl');
  });

  it('"Start" in the checklist list and "Resume" in my checklists open the modal', async () => {
    const user = newUser();
    await slash(user, 'checklists', 'list');
    const [list] = await fake.waitFor('response_url');
    const start = ((list?.args.blocks as Json[]) ?? [])
      .filter((b) => b.type === 'actions')
      .flatMap((b) => b.elements as Json[])
      .find((e) => String((e.text as Json).text).startsWith('Start: Making a referral'));
    expect(start).toBeDefined();
    const press = (button: Json, trigger: string) =>
      sendPayload({
        type: 'block_actions',
        team: { id: 'T0001' },
        user: { id: user, team_id: 'T0001' },
        api_app_id: 'A0001',
        token: 'x',
        trigger_id: trigger,
        container: { type: 'message', channel_id: 'C200', message_ts: '1.1', is_ephemeral: true },
        channel: { id: 'C200', name: 'safeguarding' },
        response_url: fake.responseUrl(trigger),
        actions: [
          { type: 'button', block_id: 'b', action_ts: '1', action_id: button.action_id, value: button.value },
        ],
      });
    await press(start as Json, 'trig-start');
    const first = await opened('trig-start');
    expect(stepOf(first.view)).toBe('immediate-danger');
    await submitView(user, first, 'no');

    fake.reset();
    await slash(user, 'my checklists', 'mine');
    const [mine] = await fake.waitFor('response_url');
    const resume = ((mine?.args.blocks as Json[]) ?? [])
      .filter((b) => b.type === 'actions')
      .flatMap((b) => b.elements as Json[])
      .find((e) => String((e.text as Json).text).startsWith('Resume: Making a referral'));
    expect(resume).toBeDefined();
    await press(resume as Json, 'trig-resume');
    const current = await opened('trig-resume');
    expect(stepOf(current.view)).toBe('dsl');
  });

  it('App Home: "Start a checklist" lists them in the DM, and Start there opens the modal', async () => {
    const user = newUser();
    const envelope = {
      token: 'x',
      team_id: 'T0001',
      api_app_id: 'A0001',
      type: 'event_callback',
      event_id: `Ev-home-${user}`,
      event_time: 1,
      event: { type: 'app_home_opened', user, channel: `D${user}`, tab: 'home', event_ts: '1.7' },
    };
    const body = JSON.stringify(envelope);
    expect((await postSigned(url, body, { secret: SECRET, contentType: 'application/json' })).status).toBe(
      200,
    );
    const [publish] = await fake.waitFor('views.publish');
    const home = publish?.args.view as Json;
    const homeButton = (label: string) =>
      (home.blocks as Json[])
        .filter((b) => b.type === 'actions')
        .flatMap((b) => b.elements as Json[])
        .find((e) => (e.text as Json).text === label) as Json;
    expect(homeButton('My checklists')).toBeDefined();
    const fromHome = (button: Json, trigger: string) =>
      sendPayload({
        type: 'block_actions',
        team: { id: 'T0001' },
        user: { id: user, team_id: 'T0001' },
        api_app_id: 'A0001',
        token: 'x',
        trigger_id: trigger,
        container: { type: 'view', view_id: 'VHOME' },
        view: {
          id: 'VHOME',
          type: 'home',
          callback_id: '',
          private_metadata: '',
          hash: 'hh',
          blocks: home.blocks,
        },
        actions: [
          { type: 'button', block_id: 'b', action_ts: '1', action_id: button.action_id, value: button.value },
        ],
      });
    await fromHome(homeButton('Start a checklist'), 'trig-home');
    const [dm] = await fake.waitFor('chat.postMessage');
    expect(dm?.args.channel).toBe(user);
    const start = (dm?.args.blocks as Json[])
      .filter((b) => b.type === 'actions')
      .flatMap((b) => b.elements as Json[])
      .find((e) => String((e.text as Json).text).startsWith('Start: Making a referral')) as Json;
    expect(start).toBeDefined();
    await sendPayload({
      type: 'block_actions',
      team: { id: 'T0001' },
      user: { id: user, team_id: 'T0001' },
      api_app_id: 'A0001',
      token: 'x',
      trigger_id: 'trig-dm-start',
      container: { type: 'message', channel_id: `D${user}`, message_ts: String(dm?.args.ts ?? '1.2') },
      channel: { id: `D${user}`, name: 'directmessage' },
      message: { ts: '1.2', type: 'message' },
      response_url: fake.responseUrl('dm-start'),
      actions: [
        { type: 'button', block_id: 'b', action_ts: '1', action_id: start.action_id, value: start.value },
      ],
    });
    expect(stepOf((await opened('trig-dm-start')).view)).toBe('immediate-danger');
  });
});
