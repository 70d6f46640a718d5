import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { cardOf, conversation, invoke, message, post, submit } from '../channels/teams/activities.js';
import type { CaptureServer } from '../helpers/capture-server.js';
import { answerFor, readForm } from '../multi-instance/card-form.js';
import { EVERYTHING, IDENTIFIERS } from './identifiers.js';

type Json = Record<string, unknown>;

/**
 * Sends a server every way identifiers can reach it from Teams: typed questions (personal chat and a
 * channel mention), a follow-up button carrying a question, a message-extension search, checklist
 * short-text answers (Action.Submit and Action.Execute), and tampered feedback reasons.
 * Returns how many checklist text answers carried identifiers (so the caller knows they were tried).
 */
export async function sendIdentifiableTraffic(url: string, capture: CaptureServer): Promise<number> {
  const from = { id: `29:privacy-${randomUUID()}`, name: 'A Practitioner', aadObjectId: randomUUID() };
  const personal = { serviceUrl: capture.url, conv: conversation('personal'), from };
  const channel = { serviceUrl: capture.url, conv: conversation('channel'), from };
  const ok = async (activity: Json): Promise<Response> => {
    const res = await post(url, activity);
    expect(res.status, `${String(activity.type)}: ${await res.clone().text()}`).toBe(200);
    return res;
  };

  await ok(message({ ...personal, text: EVERYTHING }));
  for (const value of Object.values(IDENTIFIERS))
    await ok(message({ ...personal, text: `I'm worried about ${value}, who do I call?` }));
  await ok(message({ ...channel, text: EVERYTHING, mention: true }));
  await ok(submit({ ...personal, value: { verb: 'ask', q: EVERYTHING } }));
  await ok(
    invoke({
      ...personal,
      name: 'composeExtension/query',
      value: {
        commandId: 'searchGuidance',
        parameters: [{ name: 'searchQuery', value: EVERYTHING }],
        queryOptions: { skip: 0, count: 10 },
      },
    }),
  );
  for (const reason of [EVERYTHING, IDENTIFIERS.name, IDENTIFIERS.email])
    await ok(
      submit({
        ...personal,
        value: { verb: 'feedback', replyId: 'abcd1234', itemIds: [], helpful: false, reason },
      }),
    );
  return checklistWithIdentifiers(url, capture, personal, ok);
}

/** Walks the referral checklist; at each short-text step first tries every identifier, then a neutral note. */
async function checklistWithIdentifiers(
  url: string,
  capture: CaptureServer,
  base: { serviceUrl: string; conv: Json; from: Json },
  ok: (activity: Json) => Promise<Response>,
): Promise<number> {
  const conversationId = String(base.conv.id);
  const lastCard = async (activity: Json): Promise<Json> => {
    const before = capture.captured.length;
    await ok(activity);
    await capture.waitFor(before + 1);
    return cardOf(capture.for(conversationId).at(-1)!.activity) ?? {};
  };
  let card = await lastCard(message({ ...base, text: 'checklist referral' }));
  let tried = 0;
  for (let step = 1; step < 60; step++) {
    const form = readForm(card);
    if (!form) break;
    const values = Object.fromEntries(form.inputs.map((i) => [i.id, answerFor(i, step)]));
    const text = form.inputs.find((i) => i.type === 'Input.Text');
    if (text) {
      for (const [n, identifying] of [EVERYTHING, ...Object.values(IDENTIFIERS)].entries()) {
        tried += 1;
        const data = { ...values, [text.id]: identifying };
        if (n % 2 === 0) await lastCard(submit({ ...base, value: { ...form.submitData, ...data } }));
        else
          await ok(
            invoke({
              ...base,
              name: 'adaptiveCard/action',
              value: {
                action: { type: 'Action.Execute', verb: 'form', data: { ...form.executeData, ...data } },
              },
            }),
          );
      }
    }
    // The card may be stale now if an identifier slipped through and was saved: the run moved on.
    card = await lastCard(submit({ ...base, value: { ...form.submitData, ...values } }));
  }
  expect(readForm(card), 'the checklist should have finished').toBeUndefined();
  return tried;
}
