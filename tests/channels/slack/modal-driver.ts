import { expect } from 'vitest';
import type { FakeSlackApi } from '../../helpers/fake-slack-api.js';
import { formBody, postSigned } from '../../helpers/slack-signing.js';

/**
 * Plays Slack's part for a checklist modal: takes a view exactly as the app sent it (views.open,
 * views.update or a `response_action: 'update'`), fills its input the way the Slack client would
 * (only options the view offers), and builds the view_submission / block_actions payloads.
 */
export type Json = Record<string, unknown>;

/** A modal as Slack holds it: the app's view plus the id and hash Slack gave it. */
export interface ShownView {
  id: string;
  hash: string;
  view: Json;
}

const TEAM = { id: 'T0001', domain: 'test' };

export function metaOf(view: Json): { state: Json; channel?: string; place: string } {
  return JSON.parse(String(view.private_metadata)) as { state: Json; channel?: string; place: string };
}

/** The checklist step the modal shows (from its round-tripped state), if any. */
export function stepOf(view: Json): string | undefined {
  const s = metaOf(view).state.stepId;
  return typeof s === 'string' ? s : undefined;
}

function blocks(view: Json): Json[] {
  return (view.blocks as Json[] | undefined) ?? [];
}

export function viewText(view: Json): string {
  return JSON.stringify(blocks(view));
}

/** `view.state.values` for one answer typed or chosen in the modal's single input. */
export function stateFor(view: Json, answer: string | string[]): Json {
  const inputs = blocks(view).filter((b) => b.type === 'input');
  expect(inputs).toHaveLength(1);
  const input = inputs[0] as Json;
  const element = input.element as Json;
  const offered = ((element.options as Json[] | undefined) ?? []).map((o) => o.value);
  const pick = (v: string) => {
    expect(offered).toContain(v);
    return { text: { type: 'plain_text', text: v }, value: v };
  };
  const blank = answer === '' || (Array.isArray(answer) && answer.length === 0);
  let value: Json;
  switch (element.type) {
    case 'radio_buttons':
    case 'static_select':
      value = { selected_option: blank ? null : pick(answer as string) };
      break;
    case 'checkboxes':
    case 'multi_static_select':
      value = { selected_options: (Array.isArray(answer) ? answer : [answer]).filter(Boolean).map(pick) };
      break;
    case 'datepicker':
      value = { selected_date: blank ? null : answer };
      break;
    case 'plain_text_input':
      value = { value: blank ? null : answer };
      break;
    default:
      throw new Error(`unexpected input element ${String(element.type)}`);
  }
  return { [String(input.block_id)]: { [String(element.action_id)]: { type: element.type, ...value } } };
}

function viewPayload(shown: ShownView, values: Json): Json {
  return {
    id: shown.id,
    team_id: TEAM.id,
    type: 'modal',
    app_id: 'A0001',
    bot_id: 'BBOT0001',
    callback_id: shown.view.callback_id,
    private_metadata: shown.view.private_metadata,
    title: shown.view.title,
    blocks: shown.view.blocks,
    close: shown.view.close ?? null,
    submit: shown.view.submit ?? null,
    state: { values },
    hash: shown.hash,
    root_view_id: shown.id,
    previous_view_id: null,
    clear_on_close: false,
    notify_on_close: false,
  };
}

export function viewSubmission(user: string, shown: ShownView, values: Json): Json {
  return {
    type: 'view_submission',
    team: TEAM,
    user: { id: user, team_id: TEAM.id },
    api_app_id: 'A0001',
    token: 'x',
    trigger_id: `trig-${user}`,
    view: viewPayload(shown, values),
  };
}

/** A click on the modal's button titled `label` (Back, Pause, Cancel, Resume…). */
export function viewButton(user: string, shown: ShownView, label: string): Json {
  const buttons = blocks(shown.view)
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements as Json[]);
  const button = buttons.find((e) => (e.text as Json).text === label);
  if (!button)
    throw new Error(`no "${label}" button; have ${buttons.map((e) => (e.text as Json).text).join(', ')}`);
  return {
    type: 'block_actions',
    team: TEAM,
    user: { id: user, team_id: TEAM.id },
    api_app_id: 'A0001',
    token: 'x',
    trigger_id: `trig-${user}-b`,
    container: { type: 'view', view_id: shown.id },
    view: viewPayload(shown, {}),
    actions: [
      {
        type: 'button',
        block_id: 'b',
        action_id: button.action_id,
        value: button.value,
        text: button.text,
        action_ts: '1',
      },
    ],
  };
}

/**
 * The HTTP side of a modal run, for any checklist: signed slash commands and payloads to the app,
 * the views.open a trigger produced, view_submissions answered with `response_action`, and the
 * summary the app posted to the user's DM (all read from the fake Web API).
 */
export function modalClient(opts: { url: string; secret: string; fake: FakeSlackApi }) {
  const { url, secret, fake } = opts;
  const sendForm = (body: string) =>
    postSigned(url, body, { secret, contentType: 'application/x-www-form-urlencoded' });
  const sendPayload = (payload: Json) => sendForm(formBody({ payload: JSON.stringify(payload) }));
  let hashSeq = 0;
  const until = async <T>(what: string, find: () => T | undefined): Promise<T> => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const found = find();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };

  return {
    sendPayload,
    async slash(user: string, text: string, responseId = `cmd-${user}`): Promise<void> {
      const res = await sendForm(
        formBody({
          command: '/safeguarding',
          text,
          user_id: user,
          channel_id: 'C200',
          channel_name: 'safeguarding',
          team_id: TEAM.id,
          response_url: fake.responseUrl(responseId),
          trigger_id: `trig-${user}`,
        }),
      );
      expect(res.status).toBe(200);
      expect(res.text).toBe('');
    },
    /** The modal views.open showed for this trigger. */
    opened: (trigger: string): Promise<ShownView> =>
      until(`views.open for ${trigger}`, () => {
        const call = fake.callsTo('views.open').find((c) => c.args.trigger_id === trigger);
        return call && { id: `V-${trigger}`, hash: 'h0', view: call.args.view as Json };
      }),
    /** Submits the modal; returns Slack's view after the app's `response_action`, or its errors. */
    async submitView(
      user: string,
      shown: ShownView,
      answer: string | string[],
    ): Promise<{ view?: ShownView; errors?: Record<string, string> }> {
      const res = await sendPayload(viewSubmission(user, shown, stateFor(shown.view, answer)));
      expect(res.status).toBe(200);
      const body = JSON.parse(res.text) as {
        response_action: string;
        view?: Json;
        errors?: Record<string, string>;
      };
      if (body.response_action === 'errors') return { errors: body.errors };
      expect(body.response_action).toBe('update');
      return { view: { id: shown.id, hash: `h${(hashSeq += 1)}`, view: body.view as Json } };
    },
    /** The first message the app posted to the user's DM (the summary, after a run). */
    dm: (user: string): Promise<Json> =>
      until(
        `a message to ${user}`,
        () => fake.callsTo('chat.postMessage').find((c) => c.args.channel === user)?.args,
      ),
  };
}
