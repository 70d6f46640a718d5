import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { CaptureServer } from '../../helpers/capture-server.js';
import type { Store } from '../../../src/core/store/store.js';
import type { ReferralPlan } from '../../helpers/referral-plans.js';
import { cardOf, conversation, invoke, message, post } from './activities.js';
import { cardProblems, ofType, texts } from './card-checks.js';

/**
 * Drives checklist cards the way a Teams client does: reads the step card's inputs and its
 * Action.Execute, and sends the invoke (`adaptiveCard/action`) whose HTTP response carries the
 * card that replaces it. Every card is checked against the Adaptive Card 1.5 rules on the way.
 */
export type Json = Record<string, unknown>;

export interface StepCard {
  card: Json;
  stepId: string;
  /** The form's round-tripped state (runId, stepId, revision…). */
  state: Json;
  /** Action.Execute data of the form's submit button. */
  executeData: Json;
  /** The Back / Pause / Cancel buttons' Action.Execute data, by title. */
  buttons: Record<string, Json>;
}

export interface TeamsUser {
  url: string;
  cap: CaptureServer;
  conv: Json;
  from: Json;
}

/** A new practitioner in a personal chat with the bot, on the given server and connector. */
export function newPractitioner(world: { s: { url: string }; cap: CaptureServer }): TeamsUser {
  const id = randomUUID();
  return {
    url: world.s.url,
    cap: world.cap,
    conv: conversation('personal'),
    from: { id: `29:${id}`, name: 'A Practitioner', aadObjectId: id },
  };
}

/** The stored record of a checklist run, found by its run id. */
export async function storedRun(store: Store, runId: unknown): Promise<Json | undefined> {
  const items = await store.list<Json>('checklist/');
  return items.find((i) => i.value.runId === runId)?.value;
}

export function readStep(card: Json | undefined): StepCard | undefined {
  if (!card) return undefined;
  const executes = ofType(card, 'Action.Execute');
  const submit = executes.find((a) => a.associatedInputs === 'auto');
  const state = (submit?.data as { state?: Json } | undefined)?.state;
  if (!submit || !state || typeof state.stepId !== 'string') return undefined;
  const buttons: Record<string, Json> = {};
  for (const a of executes.filter((x) => x !== submit)) buttons[String(a.title)] = a.data as Json;
  return { card, stepId: state.stepId, state, executeData: submit.data as Json, buttons };
}

/** Teams sends a multi-select as one comma-separated string. */
export function teamsValue(answer: string | string[]): string {
  return Array.isArray(answer) ? answer.join(',') : answer;
}

/** Types `text` in a chat with the bot and returns the card it answered with. */
export async function say(u: TeamsUser, text: string): Promise<Json> {
  const before = u.cap.for(u.conv.id as string).length;
  const res = await post(u.url, message({ serviceUrl: u.cap.url, conv: u.conv, from: u.from, text }));
  expect(res.status).toBe(200);
  const card = cardOf(u.cap.for(u.conv.id as string)[before]?.activity ?? {});
  if (!card) throw new Error(`no card in reply to "${text}"`);
  expect(cardProblems(card)).toEqual([]);
  return card;
}

/** Clicks an Action.Execute with `data` (plus input values) and returns the replacing card. */
export async function execute(u: TeamsUser, data: Json): Promise<{ status: number; card?: Json }> {
  const res = await post(
    u.url,
    invoke({
      serviceUrl: u.cap.url,
      conv: u.conv,
      from: u.from,
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'form', data }, trigger: 'manual' },
    }),
  );
  if (res.status !== 200) return { status: res.status };
  const body = (await res.json()) as { statusCode?: number; type?: string; value?: Json };
  expect(body.statusCode).toBe(200);
  expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
  return { status: res.status, card: body.value };
}

/** Answers the current step of `step` with `answer` and returns the next card (checked). */
export async function answer(u: TeamsUser, step: StepCard, value: string | string[]): Promise<Json> {
  const { status, card } = await execute(u, { ...step.executeData, answer: teamsValue(value) });
  expect(status).toBe(200);
  if (!card) throw new Error('no card in the invoke response');
  expect(cardProblems(card)).toEqual([]);
  return card;
}

/**
 * Starts `checklist referral` and answers every step of the plan's path but the last (the optional
 * notes), checking each comes in order; returns the last step.
 */
export async function toLastStep(u: TeamsUser, plan: ReferralPlan): Promise<StepCard> {
  let card = await say(u, 'checklist referral');
  for (const id of plan.path.slice(0, -1)) {
    const step = readStep(card);
    expect(step?.stepId).toBe(id);
    card = await answer(u, step as StepCard, plan.answers[id] as string | string[]);
  }
  const last = readStep(card);
  expect(last?.stepId).toBe(plan.path.at(-1));
  return last as StepCard;
}

export const hasText = (card: Json | undefined, fragment: string): boolean =>
  texts(card).some((t) => t.includes(fragment));
