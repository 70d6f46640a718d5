import { describe, expect, it } from 'vitest';
import { serverWithConnector } from '../../helpers/server-with-connector.js';
import { cardOf, conversation, invoke, message, post, submit } from './activities.js';
import { cardProblems, ofType, texts } from './card-checks.js';

/**
 * The Teams side of a checklist step: the form card, an Action.Execute (invoke adaptiveCard/action,
 * the card comes back in the HTTP response to replace the old one in place) and the Action.Submit
 * fallback (a message with `value`, answered with a new card). The checklist logic itself is core's.
 */
const world = serverWithConnector();

type Json = Record<string, unknown>;

async function start(conv: Json): Promise<Json> {
  expect(
    (await post(world.s.url, message({ serviceUrl: world.cap.url, conv, text: 'checklist referral' })))
      .status,
  ).toBe(200);
  const c = cardOf(world.cap.for(conv.id as string).at(-1)?.activity ?? {});
  if (!c) throw new Error('no checklist card');
  expect(cardProblems(c)).toEqual([]);
  return c;
}

/** Answers the first input of a step card with its first choice (or "yes"), as Teams would submit it. */
function answerFirst(card: Json): { data: Json; inputs: Json } {
  const execute = ofType(card, 'Action.Execute').find((a) => a.associatedInputs === 'auto');
  if (!execute) throw new Error('no submit action');
  const input = [...ofType(card, 'Input.ChoiceSet'), ...ofType(card, 'Input.Toggle')].find(
    (i) => i.id !== 'reason',
  );
  const first = ((input?.choices as Json[] | undefined)?.[0]?.value as string | undefined) ?? 'yes';
  return { data: execute.data as Json, inputs: input ? { [input.id as string]: first } : {} };
}

describe('Teams checklist forms', () => {
  it('starts a checklist as a card with inputs and an Action.Execute submit', async () => {
    const c = await start(conversation('personal'));
    expect(ofType(c, 'Action.Execute').length).toBeGreaterThan(0);
    expect([...ofType(c, 'Input.ChoiceSet'), ...ofType(c, 'Input.Toggle')].length).toBeGreaterThan(0);
  });

  it('Action.Execute: the next step comes back in the invoke response to replace the card', async () => {
    const conv = conversation('personal');
    const first = await start(conv);
    const { data, inputs } = answerFirst(first);
    const res = await post(
      world.s.url,
      invoke({
        serviceUrl: world.cap.url,
        conv,
        name: 'adaptiveCard/action',
        value: {
          action: { type: 'Action.Execute', verb: 'form', data: { ...data, ...inputs } },
          trigger: 'manual',
        },
      }),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { statusCode: number; type: string; value: Json };
    expect(body.statusCode).toBe(200);
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardProblems(body.value)).toEqual([]);
    expect(texts(body.value)).not.toEqual(texts(first));
  });

  it('Action.Submit fallback: the next step is sent as a new card', async () => {
    const conv = conversation('personal');
    const first = await start(conv);
    const execute = ofType(first, 'Action.Execute').find((a) => a.associatedInputs === 'auto');
    const { inputs } = answerFirst(first);
    const fallback = execute?.fallback as Json;
    expect(fallback.type).toBe('Action.Submit');
    const before = world.cap.for(conv.id as string).length;
    await post(
      world.s.url,
      submit({ serviceUrl: world.cap.url, conv, value: { ...(fallback.data as Json), ...inputs } }),
    );
    const next = cardOf(world.cap.for(conv.id as string)[before]?.activity ?? {});
    expect(next && cardProblems(next)).toEqual([]);
    expect(texts(next)).not.toEqual(texts(first));
  });

  it('a submit with no state gets the clear "couldn\'t read that" message', async () => {
    const conv = conversation('personal');
    await post(world.s.url, submit({ serviceUrl: world.cap.url, conv, value: { verb: 'form', step: 'x' } }));
    expect(texts(cardOf(world.cap.for(conv.id as string)[0]?.activity ?? {}))).toContain(
      "Sorry, I couldn't read that request.",
    );
  });
});
