import { describe, expect, it } from 'vitest';
import { serverWithConnector } from '../../helpers/server-with-connector.js';
import { cardOf, conversation, message, post, submit } from './activities.js';
import { cardProblems, ofType, texts } from './card-checks.js';

/** The two new reply kinds of the understanding work, over real HTTP into /api/messages. */
const world = serverWithConnector();
type Json = Record<string, unknown>;

async function exchange(activity: Json): Promise<Json> {
  const convId = (activity.conversation as Json).id as string;
  const before = world.cap.for(convId).length;
  expect((await post(world.s.url, activity)).status).toBe(200);
  await world.cap.waitFor(world.cap.captured.length - world.cap.for(convId).length + before + 1);
  const reply = world.cap.for(convId)[before]?.activity;
  const card = reply && cardOf(reply);
  if (!card) throw new Error(`no card in ${JSON.stringify(reply)}`);
  expect(cardProblems(card)).toEqual([]);
  return card;
}

const askActions = (card: Json) =>
  ofType(card, 'Action.Submit')
    .filter((a) => (a.data as Json | undefined)?.verb === 'ask')
    .map((a) => ({ title: String(a.title), data: a.data as Json }));

describe('Teams: two questions in one message, and "did you mean"', () => {
  it('answers the first question and offers the second as a one-tap follow-up that answers it', async () => {
    const conv = conversation('personal');
    const text = 'What is MAPPA? Also, what is MACE?';
    const expected = world.s.guide.ask(text);
    expect(expected.meta.itemIds[0]).toBe('mappa');
    const card = await exchange(message({ serviceUrl: world.cap.url, conv, text }));
    expect(texts(card)).toContain(expected.title);
    const offer = askActions(card).find((a) => a.title.startsWith('You also asked'));
    expect(offer?.title).toMatch(/MACE/);
    const second = await exchange(submit({ serviceUrl: world.cap.url, conv, value: offer?.data }));
    expect(texts(second).some((t) => /MACE/.test(t) && /Exploitation/.test(t))).toBe(true);
  });

  it('offers the nearest guidance titles as buttons when it is not confident, and a tap answers that item', async () => {
    const conv = conversation('personal');
    const text = 'Remind me to email the MASH about my lunch break';
    const expected = world.s.guide.ask(text);
    expect(expected.title).toBe('Did you mean one of these?');
    expect(expected.meta.answered).toBe(false);
    const card = await exchange(message({ serviceUrl: world.cap.url, conv, text }));
    const offered = askActions(card).map((a) => a.title);
    const titles = expected.sections[0]?.lines ?? [];
    expect(titles.length).toBeGreaterThan(0);
    for (const t of titles) expect(offered).toContain(t);
    const first = askActions(card).find((a) => a.title === titles[0]);
    const answer = await exchange(submit({ serviceUrl: world.cap.url, conv, value: first?.data }));
    expect(texts(answer)).toContain(titles[0]);
  });
});
