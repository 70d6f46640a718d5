import { expect } from 'vitest';

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

export function metaOf(view: Json): { s: Json; c?: string; k: string } {
  return JSON.parse(String(view.private_metadata)) as { s: Json; c?: string; k: string };
}

/** The checklist step the modal shows (from its round-tripped state), if any. */
export function stepOf(view: Json): string | undefined {
  const s = metaOf(view).s.stepId;
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
